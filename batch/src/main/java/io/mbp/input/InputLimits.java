package io.mbp.input;

/**
 * Bounds on one file that comes from outside (statements, oracle CSV/NDJSON, event definitions):
 * its size in bytes, its number of lines (CSV rows, NDJSON lines, camt.053 entries) and the length
 * of one field. Beyond any of them the file is refused whole with exit 4, naming the file and the
 * limit, so a hostile or broken file costs bounded memory and never a stack trace (ADR 0507).
 */
public record InputLimits(long maxBytes, long maxLines, int maxFieldChars) {
    /** 64 MiB, 1,000,000 lines, 1,024 characters per field: oracle files (docs/oracle.md, docs/cli.md). */
    public static final InputLimits DEFAULT = new InputLimits(64L * 1024 * 1024, 1_000_000, 1024);
    /**
     * 16 MiB, 100,000 lines, 1,024 characters per field for one statement: reconciling a day means
     * one exception event per unmatched line, so the line cap is what bounds `recon d1` as a whole.
     */
    public static final InputLimits STATEMENTS = new InputLimits(16L * 1024 * 1024, 100_000, 1024);

    public InputLimits {
        if (maxBytes <= 0 || maxLines <= 0 || maxFieldChars <= 0) {
            throw new IllegalArgumentException("input limits must be positive: " + maxBytes + ", " + maxLines + ", " + maxFieldChars);
        }
    }

    /** The byte limit as people read it: "67,108,864 bytes (64 MiB)". */
    public String bytesText() {
        String exact = String.format("%,d bytes", maxBytes);
        return maxBytes % (1024 * 1024) == 0 ? exact + " (" + maxBytes / (1024 * 1024) + " MiB)" : exact;
    }
}
