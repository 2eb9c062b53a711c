package io.mbp.cli;

import java.io.PrintWriter;

/**
 * A command's result that also knows its human-readable form. The same record is rendered as JSON
 * for {@code --json} ({@link Render}), so text and JSON cannot drift apart in what they contain.
 */
public interface TextResult {
    void printText(PrintWriter out);
}
