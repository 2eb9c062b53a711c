package io.mbp.input;

import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Text from outside, read as strict UTF-8 within {@link InputLimits#maxBytes()}: a byte that is not
 * UTF-8 (a latin-1 'é', say) is refused with exit 4 naming the file and line, never turned into
 * U+FFFD and stored. A leading byte-order mark is skipped. Nothing here reads a whole file at once.
 */
public final class StrictText {
    private StrictText() {
    }

    /**
     * Opens a file: a missing file, or one already larger than the limit, is refused before a byte
     * is read; the limit is enforced again while reading.
     */
    public static Reader open(Path file, String source, InputLimits limits) {
        return reader(openBytes(file, source, limits), source, limits);
    }

    /** The file's bytes, bounded; for callers that also hash them. */
    public static InputStream openBytes(Path file, String source, InputLimits limits) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > limits.maxBytes()) {
                throw BoundedInput.tooLarge(source, limits);
            }
            return new BoundedInput(Files.newInputStream(file), source, limits);
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such file");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage());
        }
    }

    /** A strict UTF-8 reader over {@code in} that refuses more than {@code limits.maxBytes()} bytes. */
    public static Reader reader(InputStream in, String source, InputLimits limits) {
        return new Utf8(new BoundedInput(in, source, limits), source);
    }

    /** Decodes in chunks and counts line breaks as it goes, so a bad byte is named by its line. */
    private static final class Utf8 extends Reader {
        private final InputStream in;
        private final String source;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        private final CharBuffer chars = CharBuffer.allocate(8192).flip();
        private long bytesBefore; // bytes consumed from the stream before the current buffer content
        private long line = 1;
        private boolean eof;
        private boolean flushed;
        private boolean started;

        Utf8(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (flushed) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, chars.remaining());
            chars.get(buf, off, n);
            return n;
        }

        private void fill() throws IOException {
            if (!eof && bytes.remaining() < 16) {
                bytesBefore += bytes.position();
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            chars.clear();
            CoderResult r = decoder.decode(bytes, chars, eof);
            if (r.isError()) {
                chars.flip();
                count();
                long offset = bytesBefore + bytes.position();
                String what = bytes.hasRemaining() ? String.format("byte 0x%02X", bytes.get(bytes.position()) & 0xff)
                        : "a truncated sequence";
                throw new BadInputException(source + ": line " + line + ": not valid UTF-8 (" + what + " at byte offset "
                        + offset + "); save the file as UTF-8; nothing was written");
            }
            if (eof && !bytes.hasRemaining()) {
                decoder.flush(chars);
                flushed = true;
            }
            chars.flip();
            if (!started && chars.hasRemaining()) {
                started = true;
                if (chars.get(chars.position()) == '\uFEFF') {
                    chars.get();
                }
            }
            count();
        }

        private void count() {
            for (int i = chars.position(); i < chars.limit(); i++) {
                if (chars.get(i) == '\n') {
                    line++;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
