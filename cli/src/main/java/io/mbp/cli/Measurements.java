package io.mbp.cli;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

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

    /**
     * Records a benchmark library's own result, whose JSON keeps its Java member names ({@link JavaNamed}),
     * shown as text by {@code text}; returns it.
     */
    public <R> R add(R result, BiConsumer<PrintWriter, R> text) {
        add(new Measured<>(result, text));
        return result;
    }

    /** Writes the JSON array with {@code --json}; returns exit code 0. */
    public int done() {
        return ctx.json() ? ctx.render(all) : 0;
    }

    private record Measured<R>(R result, BiConsumer<PrintWriter, R> text) implements TextResult {
        @JsonValue
        JsonNode json() {
            return JavaNamed.tree(result);
        }

        @Override
        public void printText(PrintWriter out) {
            text.accept(out, result);
        }
    }
}
