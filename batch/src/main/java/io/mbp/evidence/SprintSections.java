package io.mbp.evidence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sprint section of a sprint bundle (a date bundle has none): what it holds and where, or what is
 * missing and which command produces it. Folders given as inputs are copied in whole, with their own
 * manifests and signatures; the bundle's manifest then covers every copied file.
 */
final class SprintSections {
    private SprintSections() {
    }

    static ArrayNode write(EvidenceBuilder.Request req, Path out, Path stage, List<String> missing) throws IOException {
        ArrayNode sections = BundleFiles.JSON.createArrayNode();
        Sprint s = req.scope().sprint();
        if (s == null) {
            return sections;
        }
        ObjectNode o = sections.addObject();
        o.put("sprint", s.dirName());
        switch (s) {
            case S19 -> {
                Path formal = EvidenceBuilder.formalSource(req.formalDir() != null ? req.formalDir()
                        : req.inputs().getOrDefault("formal", out));
                if (formal != null) {
                    EvidenceBuilder.copyTree(formal, stage.resolve("formal"));
                    present(o, "formal/", s);
                } else {
                    missing(o, "formal pack output not found (run `mbp formal check`, or pass --formal DIR)", s, missing);
                }
            }
            case S20 -> present(o, "reports/privacy.txt", s);
            case S21 -> present(o, "reports/sre-dr.txt", s);
            case S22 -> present(o, "reports/platform.txt", s);
            case S23 -> {
                // the reports are written above; the canary drill's report comes from its own folder when given
                Path canary = req.inputs().get("canary");
                if (canary != null && Files.isRegularFile(canary.resolve("report.json"))) {
                    EvidenceBuilder.copyTree(canary, stage.resolve("canary"));
                    present(o, "reports/canary-release.txt, reports/recon-streak.txt, reports/payouts.txt, canary/", s);
                } else {
                    present(o, "reports/canary-release.txt, reports/recon-streak.txt, reports/payouts.txt", s);
                    o.put("canary_drill", "missing: no canary drill folder (`mbp canary drill --out DIR`, then --canary DIR)");
                }
            }
            case S24 -> {
                Path ga = stage.resolve("reports").resolve("ga.txt");
                List<String> lines = Files.readAllLines(ga, StandardCharsets.UTF_8);
                Files.createDirectories(stage.resolve("ga"));
                Files.writeString(stage.resolve("ga").resolve("report.md"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
                Files.writeString(stage.resolve("ga").resolve("report.html"), GaReport.html(lines), StandardCharsets.UTF_8);
                Path audit = req.inputs().get("audit");
                if (audit != null && Files.isRegularFile(audit.resolve("report.json"))) {
                    EvidenceBuilder.copyTree(audit, stage.resolve("custody-audit"));
                    present(o, "reports/gates.txt, reports/ga.txt, ga/report.md, ga/report.html, custody-audit/", s);
                } else {
                    present(o, "reports/gates.txt, reports/ga.txt, ga/report.md, ga/report.html", s);
                    o.put("custody_audit", "missing: no workpapers folder (`mbp audit custody --out DIR`, then --audit DIR)");
                }
            }
            default -> missing(o, s.source(), s, missing);
        }
        return sections;
    }

    private static void present(ObjectNode o, String path, Sprint s) {
        o.put("status", "present");
        o.put("path", path);
        o.put("source", s.source());
    }

    private static void missing(ObjectNode o, String source, Sprint s, List<String> missing) {
        o.put("status", s.hasSource() ? "missing" : "no source capability yet");
        o.put("source", source);
        missing.add(s.dirName());
    }
}
