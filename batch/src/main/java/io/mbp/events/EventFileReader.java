package io.mbp.events;

import io.mbp.error.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Lazily turns NDJSON input into {@link NewEvent}s for {@link EventLog#append(Iterator)}. The
 * first bad line throws a {@link BadInputException} naming the source, line and field; since
 * the append runs in one transaction, nothing of the file is then kept. Blank lines are skipped.
 */
public final class EventFileReader implements Iterator<NewEvent> {
    private final BufferedReader reader;
    private final String source;
    private final EventLineParser parser;
    private long lineNo;
    private NewEvent next;

    public EventFileReader(BufferedReader reader, String source, EventTypes types) {
        this.reader = reader;
        this.source = source;
        this.parser = new EventLineParser(types);
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String line;
            try {
                String where = source + ": line " + (lineNo + 1);
                // Both read at most one JSON document's worth of a line (JSON input limits).
                line = reader instanceof Utf8Lines ? reader.readLine()
                        : JsonLimits.readLine(reader, (int) JsonLimits.MAX_DOCUMENT_BYTES, where + " (nothing was appended)");
            } catch (Utf8Lines.LineTooLong e) {
                throw new BadInputException(source + ": line " + (lineNo + 1) + ": refused: " + e.getMessage()
                        + ", over the limit for one JSON document (JSON input limits: docs/event-log.md); nothing was appended");
            } catch (CharacterCodingException e) {
                // the reader decodes with REPORT (see utf8): a stray latin-1 byte must not become U+FFFD in the log
                throw new BadInputException(source + ": line " + (lineNo + 1) + ": not valid UTF-8 (" + e.getMessage()
                        + "); nothing was appended");
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + source + " failed at line " + (lineNo + 1), e);
            }
            if (line == null) {
                return false;
            }
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                next = parser.parse(line);
            } catch (FieldException e) {
                String where = e.field().isEmpty() ? "" : ": field " + e.field();
                throw new BadInputException(source + ": line " + lineNo + where + ": " + e.getMessage()
                        + " (nothing was appended)");
            }
        }
        return true;
    }

    @Override
    public NewEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        NewEvent e = next;
        next = null;
        return e;
    }

    /**
     * A reader of {@code in} as strict UTF-8: a malformed byte raises a
     * {@link CharacterCodingException}, which {@link #hasNext()} reports naming its line, instead
     * of becoming U+FFFD as {@code new InputStreamReader(in, UTF_8)} would silently make it.
     */
    public static BufferedReader utf8(InputStream in) {
        return new Utf8Lines(in, (int) JsonLimits.MAX_DOCUMENT_BYTES);
    }

    public long linesRead() {
        return lineNo;
    }
}
