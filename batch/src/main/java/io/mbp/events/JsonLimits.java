package io.mbp.events;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mbp.error.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The bounds on every JSON text MBP reads from outside (event lines, proofs, API bodies, oracle
 * files, key files, evidence manifests, chain and PSP answers), so hostile input costs a clear
 * refusal, never a stack overflow, an out-of-memory or a crash (docs/adr/0107). One place builds the
 * bounded factories, so the limits are the same everywhere and documented once (docs/event-log.md).
 */
public final class JsonLimits {
    /** Deepest nesting accepted; a proof, the deepest document MBP writes, nests 4 levels. */
    public static final int MAX_DEPTH = 64;
    /**
     * Longest string value, in characters: the log's payload column holds 1,000,000 characters, so
     * no event the log can store is ever refused on the way back in (as a proof, say).
     */
    public static final int MAX_STRING_LENGTH = 1_000_000;
    /** Longest member name; MBP's names are short snake_case words or ids of at most 256 characters. */
    public static final int MAX_NAME_LENGTH = 1_024;
    /** Longest number literal; the log carries integers up to 2^53-1 (16 digits), the rest is room to say so. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /**
     * Largest single JSON text (bytes): one event line, proof, API body, key file, manifest or
     * answer. A proof of the largest event the log can store (1,000,000 characters, up to 3 bytes
     * each in UTF-8, plus indentation) fits.
     */
    public static final long MAX_DOCUMENT_BYTES = 4L << 20;

    private JsonLimits() {
    }

    /** The limits above with a document bound of {@code maxDocumentBytes} (0 = unbounded, for data MBP wrote itself). */
    public static StreamReadConstraints constraints(long maxDocumentBytes) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxDocumentLength(maxDocumentBytes)
                .build();
    }

    /** A factory builder with the bounds; add features (escapes, duplicate detection) before build(). */
    public static JsonFactoryBuilder builder(long maxDocumentBytes) {
        return new JsonFactoryBuilder().streamReadConstraints(constraints(maxDocumentBytes));
    }

    /** A mapper builder over a new bounded factory (a mapper claims its factory) with the default document bound. */
    public static JsonMapper.Builder mapper() {
        return mapper(MAX_DOCUMENT_BYTES);
    }

    /** A mapper builder over a bounded factory with its own document bound (0 = unbounded). */
    public static JsonMapper.Builder mapper(long maxDocumentBytes) {
        return JsonMapper.builder(builder(maxDocumentBytes).build());
    }

    /** Jackson's words for the limit that was hit, without its pointer to the Java getter. */
    public static String describe(StreamConstraintsException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "a JSON input limit was exceeded";
        }
        return m.replaceAll(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`", "").replace("maximum allowed", "limit");
    }

    /** The refusal for {@code source}: exit 4, naming the source and the limit. */
    public static BadInputException refused(String source, StreamConstraintsException e) {
        return new BadInputException(source + ": refused: " + describe(e) + " (JSON input limits: docs/event-log.md)");
    }

    /** Refuses {@code file} by its size, before anything of it is read into memory. */
    public static void requireSize(Path file, long maxBytes, String source) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        if (size > maxBytes) {
            throw new BadInputException(source + ": refused: the file is " + size + " bytes, over the limit of "
                    + maxBytes + " bytes for one JSON document (JSON input limits: docs/event-log.md)");
        }
    }

    /** A whole small file as strict UTF-8 text, refused by size first (default document bound). */
    public static String readText(Path file, String source) {
        return readText(file, MAX_DOCUMENT_BYTES, source);
    }

    /** A whole small file as strict UTF-8 text, refused by size first. */
    public static String readText(Path file, long maxBytes, String source) {
        requireSize(file, maxBytes, source);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = readBounded(in, maxBytes, source);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(source + ": not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The next line of NDJSON input like {@link BufferedReader#readLine()} (ends at \n, \r or \r\n),
     * but never holding more than {@code maxChars} of it: a longer line is refused before the rest of
     * it is read, so one endless line cannot fill the memory. Null at the end of the input.
     */
    public static String readLine(BufferedReader in, int maxChars, String where) throws IOException {
        char[] buf = new char[8192];
        StringBuilder line = null;
        while (true) {
            in.mark(buf.length);
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return line == null ? null : line.toString();
            }
            int i = 0;
            while (i < n && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            if (line == null) {
                line = new StringBuilder(Math.min(i, 1 << 16));
            }
            if (line.length() + i > maxChars) {
                throw new BadInputException(where + ": refused: a line longer than " + maxChars
                        + " characters, over the limit for one JSON document (JSON input limits: docs/event-log.md)");
            }
            line.append(buf, 0, i);
            if (i < n) {
                in.reset();
                in.skip(i + 1L);
                if (buf[i] == '\r') {
                    in.mark(1);
                    int c = in.read();
                    if (c != '\n' && c >= 0) {
                        in.reset();
                    }
                }
                return line.toString();
            }
        }
    }

    /**
     * At most {@code maxBytes} from {@code in}; more is refused without reading it (a file that grew
     * after its size was checked, a stream or an HTTP body of unknown length).
     */
    public static byte[] readBounded(InputStream in, long maxBytes, String source) throws IOException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
        byte[] bytes = in.readNBytes(cap + 1);
        if (bytes.length > cap) {
            throw new BadInputException(source + ": refused: more than " + cap
                    + " bytes for one JSON document (JSON input limits: docs/event-log.md)");
        }
        return bytes;
    }
}
