package io.mbp.events;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a byte stream decoded as strict UTF-8, one line at a time, so a malformed byte is
 * reported on the line that holds it: a {@code BufferedReader} over a reporting decoder fails on
 * the first 8 KiB read, before the lines ahead of the bad byte were even handed out. Lines end at
 * LF (a CR before it is dropped), as {@link BufferedReader#readLine()}. Only {@link #readLine()}
 * and {@link #close()} are meant to be used.
 */
final class Utf8Lines extends BufferedReader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buf = new byte[64 * 1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int pos;
    private int len;
    private boolean eof;

    private final int maxLineBytes;

    /** Thrown for a line longer than the limit, before the rest of it is read. */
    static final class LineTooLong extends IOException {
        LineTooLong(int max) {
            super("a line longer than " + max + " bytes");
        }
    }

    Utf8Lines(InputStream in, int maxLineBytes) {
        super(Reader.nullReader(), 1);
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public String readLine() throws IOException {
        line.reset();
        while (true) {
            if (pos == len) {
                if (eof || (len = in.read(buf)) < 0) {
                    eof = true;
                    len = 0;
                    pos = 0;
                    return line.size() == 0 ? null : decode();
                }
                pos = 0;
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            line.write(buf, start, pos - start);
            if (line.size() > maxLineBytes + 1) { // + 1: a CR before the LF is not part of the line
                throw new LineTooLong(maxLineBytes);
            }
            if (pos < len) {
                pos++; // the LF
                return decode();
            }
        }
    }

    private String decode() throws IOException {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return decoder.reset().decode(ByteBuffer.wrap(b, 0, n)).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
