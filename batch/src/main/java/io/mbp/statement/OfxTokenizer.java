package io.mbp.statement;

import io.mbp.error.BadInputException;
import io.mbp.input.InputLimits;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The OFX body, 1.x SGML or 2.x XML, as a stream of {@link Event}s with the line each starts on.
 * OFX 1.x leaves the end tag of an element with a value (a leaf: {@code <TRNAMT>-30.00}) out; an
 * aggregate ({@code <STMTTRN>...</STMTTRN>}) is always closed. So a start tag followed by text is a
 * leaf, closed by the next tag (or its own end tag, as 2.x writes it), and a start tag followed by a
 * tag is an aggregate that its own end tag must close. Anything else is refused naming the line.
 * Processing instructions ({@code <?xml ...?>}, {@code <?OFX ...?>}) are handed out, comments skipped,
 * DTDs refused. Entities: the five XML ones; nothing else is expanded.
 */
final class OfxTokenizer {
    sealed interface Event permits Start, Leaf, End, Instruction {
        long line();
    }

    record Start(String name, long line) implements Event {
    }

    record Leaf(String name, String value, long line) implements Event {
    }

    record End(String name, long line) implements Event {
    }

    record Instruction(String text, long line) implements Event {
    }

    private static final int MAX_NAME = 64;

    private final Reader in;
    private final String source;
    private final InputLimits limits;
    private final Deque<Start> open = new ArrayDeque<>();
    private long line = 1;
    private int peeked = -2;
    private Start pending; // a start tag not yet known to be a leaf or an aggregate
    private String justClosedLeaf; // a leaf whose optional end tag may follow
    private Event queued;

    OfxTokenizer(Reader in, String source, InputLimits limits, long firstLine) {
        this.in = in;
        this.source = source;
        this.limits = limits;
        this.line = firstLine;
    }

    /** The next event, or null at the end of the file (all aggregates closed). */
    Event next() {
        if (queued != null) {
            Event e = queued;
            queued = null;
            return e;
        }
        while (true) {
            int c = peek();
            if (c < 0) {
                if (pending != null) {
                    throw bad(pending.line(), "the file ends after <" + pending.name() + "> and before its value");
                }
                if (!open.isEmpty()) {
                    throw bad(line, "the file ends inside <" + open.peek().name() + "> opened on line "
                            + open.peek().line() + ": it is never closed");
                }
                return null;
            }
            if (c != '<') {
                long at = line;
                String text = text();
                if (text.isEmpty()) {
                    continue;
                }
                if (pending == null) {
                    throw bad(at, "text '" + shorten(text) + "' outside any element");
                }
                Leaf leaf = new Leaf(pending.name(), text, pending.line());
                justClosedLeaf = pending.name();
                pending = null;
                return leaf;
            }
            long at = line;
            read();
            String tag = tag(at);
            if (tag.startsWith("?")) {
                if (pending != null || !open.isEmpty()) {
                    throw bad(at, "a processing instruction inside an element");
                }
                return new Instruction(tag, at);
            }
            if (tag.startsWith("!")) {
                if (tag.startsWith("!--") && tag.endsWith("--")) {
                    continue;
                }
                throw bad(at, "a DTD or declaration (<" + shorten(tag) + ">): OFX files carry none");
            }
            if (tag.startsWith("/")) {
                String name = name(tag.substring(1), at);
                String leaf = justClosedLeaf;
                justClosedLeaf = null;
                if (name.equals(leaf)) {
                    continue; // the optional end tag of the leaf just read (2.x always writes it)
                }
                if (pending != null) {
                    if (pending.name().equals(name)) {
                        Leaf empty = new Leaf(name, "", pending.line());
                        pending = null;
                        return empty;
                    }
                    throw bad(pending.line(), "<" + pending.name() + "> has no value and is not closed before </"
                            + name + "> on line " + at);
                }
                if (open.isEmpty() || !open.peek().name().equals(name)) {
                    throw bad(at, "</" + name + "> closes nothing open here"
                            + (open.isEmpty() ? "" : " (<" + open.peek().name() + "> opened on line " + open.peek().line()
                                    + " is)"));
                }
                return new End(open.pop().name(), at);
            }
            justClosedLeaf = null;
            Start s = new Start(name(tag, at), at);
            if (pending != null) {
                Start aggregate = pending;
                pending = s;
                if (open.size() >= StatementFormat.MAX_XML_DEPTH) {
                    throw bad(at, "elements nested deeper than " + StatementFormat.MAX_XML_DEPTH + " (ADR 0507)");
                }
                open.push(aggregate);
                return aggregate;
            }
            pending = s;
        }
    }

    private String name(String tag, long at) {
        if (tag.isEmpty() || tag.length() > MAX_NAME || !tag.chars().allMatch(c -> c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9' || c == '.' || c == '_')) {
            throw bad(at, "'<" + shorten(tag) + ">' is not an OFX tag (upper-case letters, digits, '.', '_', no attributes)");
        }
        return tag;
    }

    /** The inside of a tag, up to its '>' (processing instructions up to "?>"). */
    private String tag(long at) {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = read()) >= 0) {
            if (c == '>' && (sb.isEmpty() || sb.charAt(0) != '?' || sb.charAt(sb.length() - 1) == '?')) {
                return sb.toString();
            }
            if (c == '<') {
                if (!sb.isEmpty() && sb.charAt(0) == '!') {
                    throw bad(at, "a DTD or declaration (<" + shorten(sb.toString()) + "): OFX files carry none");
                }
                break;
            }
            if (sb.length() >= limits.maxFieldChars()) {
                throw bad(at, "a tag longer than " + limits.maxFieldChars() + " characters (ADR 0507)");
            }
            sb.append((char) c);
        }
        throw bad(at, "'<" + shorten(sb.toString()) + "' is not closed by '>'");
    }

    /** Text up to the next '<', entities decoded, trimmed. */
    private String text() {
        StringBuilder sb = new StringBuilder();
        long at = line;
        int c;
        while ((c = peek()) >= 0 && c != '<') {
            read();
            if (sb.length() >= limits.maxFieldChars()) {
                throw bad(at, "text longer than the limit of " + String.format("%,d", limits.maxFieldChars())
                        + " characters (ADR 0507)");
            }
            if (c == '&') {
                sb.append(entity(at));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString().strip();
    }

    private char entity(long at) {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = read()) >= 0 && c != ';' && sb.length() < 8) {
            sb.append((char) c);
        }
        return switch (c == ';' ? sb.toString() : "") {
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            case "quot" -> '"';
            case "apos" -> '\'';
            default -> throw bad(at, "'&" + shorten(sb.toString()) + "' is not one of &amp; &lt; &gt; &quot; &apos;");
        };
    }

    private int peek() {
        if (peeked == -2) {
            try {
                peeked = in.read();
            } catch (IOException e) {
                throw new BadInputException("cannot read " + source + ": " + e.getMessage());
            }
        }
        return peeked;
    }

    private int read() {
        int c = peek();
        peeked = -2;
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private static String shorten(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        StringBuilder sb = new StringBuilder();
        t.codePoints().forEach(c -> sb.append(c < 0x20 || c == 0x7F ? String.format("\\u%04X", c) : Character.toString(c)));
        return sb.toString();
    }

    BadInputException bad(long at, String problem) {
        return new BadInputException(source + ": line " + at + ": " + problem + "; nothing was imported");
    }
}
