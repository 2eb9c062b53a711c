package io.mbp.input;

import io.mbp.error.BadInputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from a stream and refuses the input (exit 4) as soon as it passes the
 * limit, so a file that grows, a pipe or a lying size never gets read past it.
 */
public final class BoundedInput extends FilterInputStream {
    private final String source;
    private final InputLimits limits;
    private long count;

    public BoundedInput(InputStream in, String source, InputLimits limits) {
        super(in);
        this.source = source;
        this.limits = limits;
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        counted(s);
        return s;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) {
        count += n;
        if (count > limits.maxBytes()) {
            throw tooLarge(source, limits);
        }
    }

    static BadInputException tooLarge(String source, InputLimits limits) {
        return new BadInputException(source + ": larger than the limit of " + limits.bytesText()
                + " for one input file (ADR 0507); nothing was written");
    }
}
