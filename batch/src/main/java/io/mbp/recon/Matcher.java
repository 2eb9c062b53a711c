package io.mbp.recon;

import io.mbp.statement.StatementLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches expected movements to statement lines with zero tolerance, in three passes: by E2EID,
 * then by reference, then by amount+date+counterparty (1:1, then N:1 batched credits, then 1:N).
 * Whatever is left becomes a classified discrepancy. Pure and deterministic: the same inputs in
 * the same order give the same matches and the same exception ids.
 */
public final class Matcher {
    private Matcher() {
    }

    public record Match(List<String> movementKeys, List<String> lineIds, String rule, long amount, int lines) {
    }

    public record Result(List<Match> matches, List<ReconExceptionRaised> exceptions, long matchedLines,
                         long matchedAmount) {
    }

    /**
     * @param later e2eids and references seen in statements booked after {@code date}: a missing
     *              movement found there is "late", not "missing"
     */
    public static Result match(LocalDate date, List<Movement> expected, List<StatementLine> lines, Set<String> later) {
        return match(date, expected, lines, later, null);
    }

    /**
     * The same result as {@link #match}, element for element (ADR 0131): the clean E2EID pairs
     * ({@link CleanPairs}) are found on primitive columns first, and pass 1 emits each one at its
     * movement's turn, so the matches keep their order; the string indexes cover only the rest.
     */
    public static Result matchWithCleanPairs(LocalDate date, List<Movement> expected, List<StatementLine> lines,
                                             Set<String> later) {
        CleanPairs.Result pairs = CleanPairs.pair(
                CleanPairs.side(expected.size(), i -> expected.get(i).e2eid(), i -> expected.get(i).direction(),
                        i -> expected.get(i).amount()),
                CleanPairs.side(lines.size(), j -> lines.get(j).e2eid(), j -> lines.get(j).direction(),
                        j -> lines.get(j).amount()));
        return match(date, expected, lines, later, pairs);
    }

    private static Result match(LocalDate date, List<Movement> expected, List<StatementLine> lines, Set<String> later,
                                CleanPairs.Result pairs) {
        int ne = expected.size();
        int nl = lines.size();
        // A clean pair's two rows are used from the start: no other row shares their id, so no other
        // match could take either, and their id never makes a leftover line a duplicate.
        boolean[] usedE = pairs == null ? new boolean[ne] : pairs.pairedMovements().clone();
        boolean[] usedL = pairs == null ? new boolean[nl] : pairs.pairedLines().clone();
        List<Match> matches = new ArrayList<>();
        List<ReconExceptionRaised> exceptions = new ArrayList<>();
        String d = date.toString();

        // Passes 1 and 2: index lines by E2EID (then reference) as chains in int arrays: no per-line
        // collections, which matters at 10 M lines (docs/benchmarks.md).
        HashMap<String, Integer> e2eHead = null;
        int[] e2eNext = null;
        for (int pass = 0; pass < 2; pass++) {
            boolean byE2e = pass == 0;
            int[] next = new int[nl];
            HashMap<String, Integer> head = new HashMap<>(Math.max(16, nl * 4 / 3 + 1));
            if (byE2e) {
                e2eHead = head;
                e2eNext = next;
            }
            for (int j = nl - 1; j >= 0; j--) {
                String k = byE2e ? lines.get(j).e2eid() : lines.get(j).reference();
                if (!usedL[j] && !k.isEmpty()) {
                    Integer h = head.put(k, j);
                    next[j] = h == null ? -1 : h;
                }
            }
            for (int i = 0; i < ne; i++) {
                Movement m = expected.get(i);
                if (byE2e && pairs != null && pairs.pairedMovements()[i]) {
                    matches.add(new Match(List.of(m.key()), List.of(lines.get(pairs.lineOf()[i]).lineId()), "e2eid",
                            m.amount(), 1));
                    continue;
                }
                String k = byE2e ? m.e2eid() : m.reference();
                if (usedE[i] || k.isEmpty()) {
                    continue;
                }
                Integer h = head.get(k);
                if (h == null) {
                    continue;
                }
                String rule = byE2e ? "e2eid" : "reference";
                int exact = -1;
                int first = -1;
                int count = 0;
                long sum = 0;
                for (int j = h; j >= 0; j = next[j]) {
                    StatementLine l = lines.get(j);
                    if (usedL[j] || l.direction() != m.direction()) {
                        continue;
                    }
                    if (first < 0) {
                        first = j;
                    }
                    count++;
                    sum += l.amount();
                    if (exact < 0 && l.amount() == m.amount()) {
                        exact = j;
                    }
                }
                if (first < 0) {
                    continue;
                }
                if (exact >= 0) {
                    usedE[i] = true;
                    usedL[exact] = true;
                    matches.add(new Match(List.of(m.key()), List.of(lines.get(exact).lineId()), rule, m.amount(), 1));
                } else if (count > 1 && sum == m.amount()) {
                    usedE[i] = true;
                    List<String> ids = new ArrayList<>();
                    for (int j = h; j >= 0; j = next[j]) {
                        if (!usedL[j] && lines.get(j).direction() == m.direction()) {
                            usedL[j] = true;
                            ids.add(lines.get(j).lineId());
                        }
                    }
                    matches.add(new Match(List.of(m.key()), ids, rule + " 1:N", m.amount(), ids.size()));
                } else if (!m.carried()) {
                    usedE[i] = true;
                    usedL[first] = true;
                    StatementLine l = lines.get(first);
                    exceptions.add(raised(d, "amount_mismatch", m.key(), l.lineId(), m.direction(), m.amount(),
                            l.amount(), m.e2eid(), m.reference(), m.counterparty(),
                            "ledger " + m.amount() + " vs statement " + l.amount() + " centavos (matched by " + rule + ")"));
                }
            }
        }
        // A leftover line is a duplicate if another line with its E2EID was matched (walk its chain).
        Set<String> matchedE2e = new HashSet<>();
        for (int j = 0; j < nl; j++) {
            String e = lines.get(j).e2eid();
            if (!usedL[j] && !e.isEmpty()) {
                Integer h = e2eHead.get(e);
                for (int x = h == null ? -1 : h; x >= 0; x = e2eNext[x]) {
                    if (usedL[x]) {
                        matchedE2e.add(e);
                        break;
                    }
                }
            }
        }

        boolean leftE = false;
        boolean leftL = false;
        for (int i = 0; i < ne && !leftE; i++) {
            leftE = !usedE[i] && !expected.get(i).carried();
        }
        for (int j = 0; j < nl && !leftL; j++) {
            leftL = !usedL[j];
        }
        if (leftE && leftL) {
            amountPasses(expected, lines, usedE, usedL, matches);
        }
        return finish(d, expected, lines, usedE, usedL, matches, exceptions, matchedE2e, later);
    }

    private static void amountPasses(List<Movement> expected, List<StatementLine> lines, boolean[] usedE, boolean[] usedL,
                                     List<Match> matches) {
        int ne = expected.size();
        int nl = lines.size();
        // Pass 3, 1:1 on amount+date+counterparty (all lines here are booked on the date).
        Map<String, ArrayDeque<Integer>> byAmount = new HashMap<>();
        for (int j = 0; j < nl; j++) {
            StatementLine l = lines.get(j);
            if (!usedL[j] && !l.counterparty().isEmpty()) {
                byAmount.computeIfAbsent(l.direction() + "|" + l.amount() + "|" + l.counterparty(), x -> new ArrayDeque<>())
                        .add(j);
            }
        }
        for (int i = 0; i < ne; i++) {
            Movement m = expected.get(i);
            if (usedE[i] || m.carried() || m.counterparty().isEmpty()) {
                continue;
            }
            ArrayDeque<Integer> q = byAmount.get(m.direction() + "|" + m.amount() + "|" + m.counterparty());
            while (q != null && !q.isEmpty()) {
                int j = q.poll();
                if (!usedL[j]) {
                    usedE[i] = true;
                    usedL[j] = true;
                    matches.add(new Match(List.of(m.key()), List.of(lines.get(j).lineId()), "amount+date+counterparty",
                            m.amount(), 1));
                    break;
                }
            }
        }
        // N:1: several movements of one counterparty booked as one line (batched credits).
        Map<String, List<Integer>> eByParty = new HashMap<>();
        for (int i = 0; i < ne; i++) {
            Movement m = expected.get(i);
            if (!usedE[i] && !m.carried() && !m.counterparty().isEmpty()) {
                eByParty.computeIfAbsent(m.direction() + "|" + m.counterparty(), x -> new ArrayList<>()).add(i);
            }
        }
        for (int j = 0; j < nl; j++) {
            StatementLine l = lines.get(j);
            List<Integer> group = usedL[j] ? null : eByParty.get(l.direction() + "|" + l.counterparty());
            if (group == null || group.size() < 2) {
                continue;
            }
            long sum = 0;
            for (int i : group) {
                sum += expected.get(i).amount();
            }
            if (sum == l.amount()) {
                List<String> keys = new ArrayList<>();
                for (int i : group) {
                    usedE[i] = true;
                    keys.add(expected.get(i).key());
                }
                usedL[j] = true;
                group.clear();
                matches.add(new Match(keys, List.of(l.lineId()), "amount+date+counterparty N:1", l.amount(), 1));
            }
        }
        // 1:N: one movement booked as several lines of its counterparty.
        Map<String, List<Integer>> lByParty = new HashMap<>();
        for (int j = 0; j < nl; j++) {
            StatementLine l = lines.get(j);
            if (!usedL[j] && !l.counterparty().isEmpty()) {
                lByParty.computeIfAbsent(l.direction() + "|" + l.counterparty(), x -> new ArrayList<>()).add(j);
            }
        }
        for (int i = 0; i < ne; i++) {
            Movement m = expected.get(i);
            List<Integer> group = usedE[i] || m.carried() ? null : lByParty.get(m.direction() + "|" + m.counterparty());
            if (group == null || group.size() < 2) {
                continue;
            }
            long sum = 0;
            for (int j : group) {
                sum += lines.get(j).amount();
            }
            if (sum == m.amount()) {
                List<String> ids = new ArrayList<>();
                for (int j : group) {
                    usedL[j] = true;
                    ids.add(lines.get(j).lineId());
                }
                usedE[i] = true;
                group.clear();
                matches.add(new Match(List.of(m.key()), ids, "amount+date+counterparty 1:N", m.amount(), ids.size()));
            }
        }
    }

    private static Result finish(String d, List<Movement> expected, List<StatementLine> lines, boolean[] usedE,
                                 boolean[] usedL, List<Match> matches, List<ReconExceptionRaised> exceptions,
                                 Set<String> matchedE2e, Set<String> later) {
        int ne = expected.size();
        int nl = lines.size();
        for (int i = 0; i < ne; i++) {
            Movement m = expected.get(i);
            if (usedE[i] || m.carried()) {
                continue;
            }
            boolean isLate = (!m.e2eid().isEmpty() && later.contains(m.e2eid()))
                    || (!m.reference().isEmpty() && later.contains(m.reference()));
            exceptions.add(raised(d, isLate ? "late" : "missing", m.key(), "", m.direction(), m.amount(), 0, m.e2eid(),
                    m.reference(), m.counterparty(), isLate ? "booked on a later statement, not on " + d
                            : "in the ledger, not in the statement of " + d));
        }
        for (int j = 0; j < nl; j++) {
            StatementLine l = lines.get(j);
            if (usedL[j]) {
                continue;
            }
            String kind;
            String detail;
            if ("RETURN".equals(l.kind())) {
                kind = "returned";
                detail = "devolução " + l.e2eid() + " of payment " + l.reference() + " is not in the ledger";
            } else if (!l.e2eid().isEmpty() && matchedE2e.contains(l.e2eid())) {
                kind = "duplicate";
                detail = "line repeats end-to-end id " + l.e2eid() + " already matched";
            } else {
                kind = "unexpected";
                detail = "statement line " + l.lineId() + " (" + l.kind() + ") has no ledger movement";
            }
            exceptions.add(raised(d, kind, "", l.lineId(), l.direction(), 0, l.amount(), l.e2eid(), l.reference(),
                    l.counterparty(), detail));
        }
        long matchedLines = 0;
        long matchedAmount = 0;
        for (Match m : matches) {
            matchedLines += m.lines();
            matchedAmount += m.amount();
        }
        return new Result(matches, exceptions, matchedLines, matchedAmount);
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    static ReconExceptionRaised raised(String date, String kind, String movementKey, String lineId, char dir,
                                       long expectedAmount, long statementAmount, String e2eid, String reference,
                                       String counterparty, String detail) {
        String id = "RX-" + compact(date) + "-"
                + HEX.formatHex(sha256(kind + "|" + movementKey + "|" + lineId)).substring(0, 10);
        return new ReconExceptionRaised(id, date, kind, movementKey, lineId, String.valueOf(dir), expectedAmount,
                statementAmount, e2eid, reference, counterparty, detail);
    }

    /** A date and its {@link #COMPACT} form. */
    private record Compact(String date, String compact) {
    }

    /** The last date {@link #compact} converted: immutable, so any thread may read it while another replaces it. */
    private static volatile Compact lastCompact;

    /**
     * {@code date} as {@link #COMPACT}. A reconciliation raises all its exceptions for one date, and parsing
     * it again for each cost a large day's run ~5 µs per exception while cold (issue 17's bench recon raises
     * thousands): the last date's form is kept. A date that does not parse is never kept, so it fails every time.
     */
    private static String compact(String date) {
        Compact c = lastCompact;
        if (c == null || !c.date().equals(date)) {
            c = new Compact(date, LocalDate.parse(date).format(COMPACT));
            lastCompact = c;
        }
        return c.compact();
    }

    /** A SHA-256 to clone: a clone skips getInstance's provider lookup, a few µs per exception while cold. */
    private static final MessageDigest SHA256 = sha256Instance();

    private static MessageDigest sha256Instance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String s) {
        MessageDigest md;
        try {
            md = (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            md = sha256Instance();
        }
        return md.digest(s.getBytes(StandardCharsets.UTF_8));
    }
}
