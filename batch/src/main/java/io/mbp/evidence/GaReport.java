package io.mbp.evidence;

import io.mbp.gate.GateChecked;
import io.mbp.incident.IncidentOpened;
import io.mbp.payout.PayoutBook;
import io.mbp.payout.PayoutEvent;
import io.mbp.payout.PayoutService;
import io.mbp.recon.ReconCompleted;
import io.mbp.recon.ReconStreak;
import io.mbp.sql.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S24: the GA report, as Markdown lines (reports/ga.txt, recomputed on replay) that the S24 section
 * also renders to ga/report.md and ga/report.html: the KPIs over the period the log covers, the
 * reconciliation streak, incidents, anchors and the last Go/No-Go decision. Counts and integers only.
 */
final class GaReport implements EvidenceReport {
    @Override
    public String name() {
        return "ga";
    }

    @Override
    public Sprint section() {
        return Sprint.S24;
    }

    @Override
    public Pass open(Database db, long treeSize) {
        Map<String, Long> byType = new TreeMap<>();
        String[] span = {null, null};
        PayoutBook book = new PayoutBook();
        Map<String, ReconStreak.Day> recon = new TreeMap<>();
        long[] p1 = {0};
        GateChecked[] gate = {null};
        java.util.Set<String> types = new java.util.HashSet<>(PayoutService.TYPES);
        types.addAll(List.of("ReconCompleted", "IncidentOpened", "GateChecked"));
        EvidenceReport.Pass typed = Decoded.pass(types, (seq, ts, p) -> {
            switch (p) {
                case PayoutEvent e -> book.apply(e, ts);
                case ReconCompleted c -> recon.put(c.date(), new ReconStreak.Day(c.date(), ReconStreak.basisPoints(c.rate()), c.rate(),
                        c.exceptionsOpen(), seq));
                case IncidentOpened i -> p1[0] += "P1".equals(i.severity()) ? 1 : 0;
                case GateChecked g -> gate[0] = g;
                default -> {
                }
            }
        }, () -> lines(treeSize, byType, span, book, recon, p1[0], gate[0]));
        return new Pass() {
            @Override
            public void accept(LogRow e) {
                byType.merge(e.type(), 1L, Long::sum);
                span[0] = span[0] == null || e.ts().compareTo(span[0]) < 0 ? e.ts() : span[0];
                span[1] = span[1] == null || e.ts().compareTo(span[1]) > 0 ? e.ts() : span[1];
                typed.accept(e);
            }

            @Override
            public List<String> finish() {
                return typed.finish();
            }
        };
    }

    private static List<String> lines(long treeSize, Map<String, Long> byType, String[] span, PayoutBook book,
                                      Map<String, ReconStreak.Day> recon, long p1Count, GateChecked lastGate) {
        List<String> out = new ArrayList<>();
        out.add("# MBP GA report");
        out.add("");
        out.add("Period: " + (span[0] == null ? "empty log" : span[0] + " to " + span[1]) + ", " + treeSize + " events.");
        out.add("");
        out.add("## KPIs over the period");
        out.add("");
        out.add("- markets created " + n(byType, "MarketCreated") + ", settled " + n(byType, "MarketSettled") + ", fills "
                + n(byType, "OrderFilled"));
        out.add("- oracle events finalized " + n(byType, "Finalized") + ", disputes " + n(byType, "DisputeOpened"));
        PayoutService.Mttr m = PayoutService.Mttr.over(book.all(), Instant.MIN, Instant.MAX);
        out.add("- payouts instructed " + n(byType, "PayoutInstructed") + ", confirmed " + n(byType, "PayoutConfirmed") + ", parked "
                + n(byType, "PayoutParked") + "; MTTR " + (m.samples() == 0 ? "no recovered payout" : "p95 " + m.p95() + " over "
                + m.samples()) + " (target " + PayoutService.Mttr.TARGET_P95 + ": " + (m.targetMet() ? "met" : "MISSED") + ")");
        long full = recon.values().stream().filter(ReconStreak.Day::full).count();
        out.add("- D+1 reconciliation: " + recon.size() + " day(s) reconciled, " + full + " at 100%");
        out.add("- incidents " + n(byType, "IncidentOpened") + ", P1 " + p1Count);
        out.add("- checkpoints " + n(byType, "CheckpointSealed") + ", anchors " + n(byType, "AnchorPublished"));
        out.add("- market quality: " + (byType.keySet().stream().anyMatch(t -> t.startsWith("MarketQuality"))
                ? "see reports/market-quality.txt" : "no evidence in the log"));
        out.add("- releases " + byType.entrySet().stream().filter(e -> e.getKey().startsWith("Release")).mapToLong(Map.Entry::getValue).sum()
                + ", canary events " + byType.entrySet().stream().filter(e -> e.getKey().startsWith("Canary")).mapToLong(Map.Entry::getValue).sum());
        out.add("");
        out.add("## Go/No-Go");
        out.add("");
        out.add(lastGate == null ? "- no decision recorded (`mbp gate check --record`, or the nightly's gate step)"
                : "- " + lastGate.date() + ": " + (lastGate.go() ? "GO" : "NO-GO") + " (" + String.join(", ", lastGate.gates()) + ")");
        return out;
    }

    private static long n(Map<String, Long> byType, String type) {
        return byType.getOrDefault(type, 0L);
    }

    /** The report's Markdown lines as a standalone HTML page (headings, list items, paragraphs; all text escaped). */
    static String html(List<String> lines) {
        StringBuilder b = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><title>MBP GA report</title></head><body>\n");
        boolean list = false;
        for (String l : lines) {
            if (l.startsWith("- ") != list) {
                b.append(list ? "</ul>\n" : "<ul>\n");
                list = !list;
            }
            if (l.startsWith("## ")) {
                b.append("<h2>").append(esc(l.substring(3))).append("</h2>\n");
            } else if (l.startsWith("# ")) {
                b.append("<h1>").append(esc(l.substring(2))).append("</h1>\n");
            } else if (l.startsWith("- ")) {
                b.append("<li>").append(esc(l.substring(2))).append("</li>\n");
            } else if (!l.isBlank()) {
                b.append("<p>").append(esc(l)).append("</p>\n");
            }
        }
        return b.append(list ? "</ul>\n" : "").append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
