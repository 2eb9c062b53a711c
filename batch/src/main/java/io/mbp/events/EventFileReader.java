package io.mbp.events;

import io.mbp.error.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
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
                line = JsonLimits.readLine(reader, (int) JsonLimits.MAX_DOCUMENT_BYTES,
                        source + ": line " + (lineNo + 1) + " (nothing was appended)");
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

    public long linesRead() {
        return lineNo;
    }
}
