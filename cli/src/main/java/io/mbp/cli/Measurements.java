package io.mbp.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The results of a benchmark, which takes minutes: as text each is shown as soon as it is measured,
 * with {@code --json} they are one array at the end.
 */
public final class Measurements {
    private final CommandContext ctx;
    private final List<Object> all = new ArrayList<>();

    public Measurements(CommandContext ctx) {
        this.ctx = ctx;
    }

    /** Records {@code r} (and shows it now, as text); returns it. */
    public <R extends TextResult> R add(R r) {
        all.add(r);
        if (!ctx.json()) {
            ctx.render(r);
        }
        return r;
    }

    /** Writes the JSON array with {@code --json}; returns exit code 0. */
    public int done() {
        return ctx.json() ? ctx.render(all) : 0;
    }
}
