package io.mbp.cli.screening;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mbp.cli.TextResult;
import io.mbp.cli.privacy.VaultCommand;
import io.mbp.error.UsageException;
import io.mbp.screening.EntityType;
import io.mbp.screening.Hit;
import io.mbp.screening.Query;
import io.mbp.screening.ScreeningResult;
import io.mbp.screening.ScreeningService;
import io.mbp.screening.Screener;
import io.mbp.sql.Database;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "screening", mixinStandardHelpOptions = true,
        description = "Sanctions and PEP screening (docs/screening.md): import list versions (OFAC CSV, UN XML, "
                + "OpenSanctions FtM), see their freshness, screen a name; review payouts held by a hit and alerts of list "
                + "deltas. Every check is logged (who, a keyed reference of the name, list versions, hits).",
        subcommands = {ListsCommand.class, ScreeningCommand.Check.class, HoldsCommand.class, AlertsCommand.class,
            RescreenCommand.class})
public final class ScreeningCommand {

    /** A check's answer, as issue 13 fixes it: threshold, list versions, hits by score. */
    @JsonPropertyOrder({"threshold", "list_versions", "hits"})
    record Checked(BigDecimal threshold, Map<String, Integer> listVersions, List<Hit> hits) implements TextResult {
        static Checked of(ScreeningResult r) {
            return new Checked(r.threshold(), r.listVersions(), r.hits());
        }

        @Override
        public void printText(PrintWriter out) {
            for (Hit h : hits) {
                out.printf("%-8s %-10s %-16s %s%s%n", h.score().toPlainString(), h.list(), h.entityId(), h.name(),
                        h.matchedAlias() == null ? "" : " (alias: " + h.matchedAlias() + ")");
                for (String why : h.reasons()) {
                    out.println("         - " + why);
                }
            }
            StringBuilder v = new StringBuilder();
            listVersions.forEach((k, x) -> v.append(v.isEmpty() ? "" : ", ").append(k).append(" v").append(x));
            out.println(hits.size() + " hit(s) at or above " + threshold.toPlainString() + " against " + v);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Screen a name against the current list versions. Hits at or above the threshold, best first, "
                    + "with reasons. The query is logged as a ScreeningQueried event whose name is a keyed vault "
                    + "reference (ADR 0711), so the vault passphrase is needed.")
    static final class Check extends VaultCommand {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name to screen.") String name;

        @Option(names = "--birth-date", paramLabel = "YYYY-MM-DD", description = "Raises a match on the same date or year, lowers one born in another.")
        String birthDate;

        @Option(names = "--country", paramLabel = "CC", description = "ISO 3166 alpha-2 country (nationality or residence).") String country;

        @Option(names = "--document", paramLabel = "NUMBER", description = "A document number (passport, tax id); repeatable.")
        List<String> documents;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "person",
                description = "What is screened: person, organization, vessel, aircraft (default ${DEFAULT-VALUE}).") String type;

        @Option(names = "--threshold", paramLabel = "T", description = "Score from 0 to 1 (default 0.88, ADR 0710).") BigDecimal threshold;

        @Override
        public Integer call() {
            Clock clock = clock();
            LocalDate born = null;
            if (birthDate != null) {
                try {
                    born = LocalDate.parse(birthDate);
                } catch (DateTimeParseException e) {
                    throw new UsageException("--birth-date must be YYYY-MM-DD");
                }
            }
            EntityType t;
            try {
                t = EntityType.ofCode(type);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--type must be person, organization, vessel or aircraft");
            }
            Query q = new Query(name, born, country, documents, t, vault.actor());
            var kek = vault.vault(clock);
            try (Database db = ctx.database()) {
                ScreeningResult r = new ScreeningService(db, clock).check(q, threshold == null ? Screener.DEFAULT_THRESHOLD : threshold,
                        (dsl, normalised) -> kek.ref(dsl, "screening_name", normalised));
                return ctx.render(Checked.of(r));
            }
        }
    }
}
