package io.mbp.formal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads TLC 2.18's plain-text output (the log we keep) into numbers and sections. */
public record TlcOutput(String version, Long seed, Integer fpIndex, long statesGenerated, long distinctStates,
                        int depth, boolean completedWithoutError, String violation, String counterexample,
                        int counterexampleStates, String coverage, List<String> deadActions) {

    private static final Pattern VERSION = Pattern.compile("^TLC2 Version (\\S+)", Pattern.MULTILINE);
    private static final Pattern SEED = Pattern.compile("with fp (\\d+) and seed (-?\\d+)");
    private static final Pattern STATES = Pattern.compile(
            "^([\\d,]+) states generated, ([\\d,]+) distinct states? found", Pattern.MULTILINE);
    private static final Pattern DEPTH = Pattern.compile("The depth of the complete state graph search is (\\d+)\\.");
    private static final Pattern ACTION_COVERAGE = Pattern.compile("^<(\\w+) line [^>]*>: (\\d+):(\\d+)$", Pattern.MULTILINE);
    private static final Pattern TRACE_STATE = Pattern.compile("^State \\d+: ", Pattern.MULTILINE);

    public static TlcOutput parse(String log) {
        String text = log.replace("\r\n", "\n");
        Matcher m = VERSION.matcher(text);
        String version = m.find() ? m.group(1) : null;
        m = SEED.matcher(text);
        Integer fp = null;
        Long seed = null;
        if (m.find()) {
            fp = Integer.valueOf(m.group(1));
            seed = Long.valueOf(m.group(2));
        }
        long generated = 0;
        long distinct = 0;
        m = STATES.matcher(text);
        while (m.find()) { // the last summary line is the final count
            generated = Long.parseLong(m.group(1).replace(",", ""));
            distinct = Long.parseLong(m.group(2).replace(",", ""));
        }
        m = DEPTH.matcher(text);
        int depth = m.find() ? Integer.parseInt(m.group(1)) : 0;
        boolean ok = text.contains("Model checking completed. No error has been found.");

        String violation = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Error: ") && !line.startsWith("Error: The behavior up to this point is")) {
                violation = line.substring("Error: ".length()).trim();
                break;
            }
        }
        String trace = section(text, "Error: The behavior up to this point is:");
        int traceStates = 0;
        if (trace != null) {
            Matcher t = TRACE_STATE.matcher(trace);
            while (t.find()) {
                traceStates++;
            }
        }
        String coverage = lastCoverage(text);
        List<String> dead = new ArrayList<>();
        if (coverage != null) {
            Matcher c = ACTION_COVERAGE.matcher(coverage);
            while (c.find()) {
                if (!"Init".equals(c.group(1)) && "0".equals(c.group(3))) {
                    dead.add(c.group(1));
                }
            }
        }
        return new TlcOutput(version, seed, fp, generated, distinct, depth, ok, violation, trace, traceStates,
                coverage, List.copyOf(dead));
    }

    /** The counterexample: from the header line up to the statistics that follow it. */
    private static String section(String text, String header) {
        int start = text.indexOf(header);
        if (start < 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (String line : text.substring(start).split("\n")) {
            if (b.length() > 0 && (line.startsWith("The coverage statistics") || line.matches("^[\\d,]+ states generated.*")
                    || line.startsWith("Progress(") || line.startsWith("Finished in") || line.startsWith("Checking "))) {
                break;
            }
            b.append(line).append('\n');
        }
        return b.toString().strip() + "\n";
    }

    private static String lastCoverage(String text) {
        int start = text.lastIndexOf("The coverage statistics at");
        if (start < 0) {
            return null;
        }
        int end = text.indexOf("End of statistics.", start);
        return end < 0 ? text.substring(start) : text.substring(start, end + "End of statistics.".length()) + "\n";
    }
}
