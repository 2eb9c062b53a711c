package io.mbp.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.mbp.catalog.EventCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's package table as executable rules. The cli module's tests see every main
 * class (sql, batch, tools, cli), so the rules run here. A rule is written against packages, never
 * against a list of files, and has no exceptions.
 */
class ArchitectureTest {
    /** Every package may use these (besides its own): the exceptions, the database, the log, strict input, URL masking. */
    private static final Set<String> BASE = Set.of("error", "sql", "events", "input", "net");

    /**
     * Who may import whom, beside {@link #BASE}: the table of docs/architecture.md. A package absent
     * from a value is forbidden. {@code catalog}, {@code evidence}, {@code jobs}, {@code ingest} are the
     * assemblies over the capabilities; {@code cli} may use everything.
     */
    private static final Map<String, Set<String>> MAY_IMPORT = new LinkedHashMap<>();

    static {
        MAY_IMPORT.put("error", Set.of());
        MAY_IMPORT.put("sql", Set.of());
        MAY_IMPORT.put("input", Set.of());
        MAY_IMPORT.put("net", Set.of());
        MAY_IMPORT.put("events", Set.of());
        MAY_IMPORT.put("merkle", Set.of());
        MAY_IMPORT.put("custody", Set.of("merkle"));
        MAY_IMPORT.put("anchor", Set.of("merkle", "custody"));
        MAY_IMPORT.put("privacy", Set.of("custody"));
        MAY_IMPORT.put("kyc", Set.of("privacy"));
        MAY_IMPORT.put("apiclient", Set.of("privacy"));
        MAY_IMPORT.put("dsr", Set.of("privacy", "kyc"));
        MAY_IMPORT.put("appeals", Set.of("privacy", "kyc"));
        MAY_IMPORT.put("screening", Set.of());
        MAY_IMPORT.put("screenhooks", Set.of("screening", "kyc", "privacy", "payout", "aml"));
        MAY_IMPORT.put("aml", Set.of("market", "payout", "kyc"));
        MAY_IMPORT.put("oracle", Set.of());
        MAY_IMPORT.put("market", Set.of("oracle"));
        MAY_IMPORT.put("payout", Set.of("market", "kyc", "privacy", "retry"));
        MAY_IMPORT.put("statement", Set.of());
        MAY_IMPORT.put("recon", Set.of("statement", "payout", "market"));
        MAY_IMPORT.put("formal", Set.of("market", "oracle"));
        MAY_IMPORT.put("incident", Set.of());
        MAY_IMPORT.put("chaos", Set.of());
        MAY_IMPORT.put("dora", Set.of());
        MAY_IMPORT.put("canary", Set.of("market", "oracle", "release"));
        MAY_IMPORT.put("release", Set.of("merkle", "market", "oracle"));
        Set<String> capabilities = Set.of("merkle", "custody", "anchor", "privacy", "kyc", "dsr", "appeals", "oracle", "market",
                "payout", "statement", "recon", "screening", "incident", "chaos", "dora", "screenhooks", "aml", "canary", "release", "gate", "apiclient",
                "webhooks", "exports", "status", "slo", "retry");
        MAY_IMPORT.put("gate", Set.of("recon", "anchor", "market"));
        MAY_IMPORT.put("retry", Set.of());
        MAY_IMPORT.put("webhooks", Set.of("retry"));
        MAY_IMPORT.put("exports", Set.of("oracle", "market", "incident"));
        MAY_IMPORT.put("slo", Set.of());
        MAY_IMPORT.put("status", Set.of("exports", "incident", "anchor", "slo"));
        MAY_IMPORT.put("catalog", capabilities);
        MAY_IMPORT.put("ingest", capabilities);
        MAY_IMPORT.put("evidence", union(capabilities, Set.of("catalog")));
        MAY_IMPORT.put("jobs", union(capabilities, Set.of("catalog", "evidence")));
        MAY_IMPORT.put("audit", Set.of("merkle", "custody", "anchor", "evidence"));
    }

    /** The packages of the tools module: benchmarks and simulators, never used by production code. */
    private static final String[] TOOLS = {"io.mbp.bench..", "io.mbp.payout.sim..", "io.mbp.kyc.sim.."};

    /** The top-level assemblies: only they build the full event catalog. */
    private static final String[] ASSEMBLIES = {"io.mbp.cli..", "io.mbp.jobs..", "io.mbp.evidence..", "io.mbp.ingest..",
        "io.mbp.catalog..", "io.mbp.bench.."};


    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mbp");
    }

    @Test
    void everyPackageImportsOnlyWhatTheTableAllows() {
        Set<String> known = new TreeSet<>(MAY_IMPORT.keySet());
        known.add("cli");
        known.add("bench");
        List<String> unknown = new ArrayList<>();
        for (JavaClass c : classes) {
            String top = topPackage(c);
            if (top != null && !known.contains(top) && !c.getPackageName().startsWith("io.mbp.sql")) {
                unknown.add(c.getName());
            }
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError("packages missing from docs/architecture.md's table (and this test): " + unknown);
        }
        for (Map.Entry<String, Set<String>> e : MAY_IMPORT.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : known) {
                if (!other.equals(e.getKey()) && !BASE.contains(other) && !e.getValue().contains(other)) {
                    forbidden.add("io.mbp." + other + "..");
                }
            }
            if (forbidden.isEmpty()) {
                continue;
            }
            ArchRule rule = noClasses().that().resideInAPackage("io.mbp." + e.getKey() + "..")
                    .and().resideOutsideOfPackages(TOOLS)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("docs/architecture.md: " + e.getKey() + " may import " + e.getValue() + " besides " + BASE);
            rule.check(classes);
        }
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching("io.mbp.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void productionCodeDoesNotDependOnBenchmarksOrSimulators() {
        noClasses().that().resideOutsideOfPackages(TOOLS)
                .and(DescribedPredicate.not(shipsATool()))
                .should().dependOnClassesThat().resideInAnyPackage(TOOLS)
                .because("benchmarks and simulators live in the tools module; only the commands that run them import them")
                .check(classes);
    }

    @Test
    void onlyTopLevelAssembliesBuildTheFullCatalog() {
        noClasses().that().resideOutsideOfPackages(ASSEMBLIES)
                .should().callMethod(EventCatalog.class, "standard")
                .because("each family registers its own EventTypes (e.g. MarketEvents.TYPES); the whole catalog is assembled at the top")
                .check(classes);
    }

    @Test
    void onlyTheEventsPackageTouchesTheLogTables() {
        noClasses().that().resideOutsideOfPackages("io.mbp.events..", "io.mbp.sql..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.mbp.sql.schema.tables.Events")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.mbp.sql.schema.tables.LogHead")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.mbp.sql.schema.tables.records.EventsRecord")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.mbp.sql.schema.tables.records.LogHeadRecord")
                .orShould().accessField("io.mbp.sql.schema.Tables", "EVENTS")
                .orShould().accessField("io.mbp.sql.schema.Tables", "LOG_HEAD")
                .because("io.mbp.events owns the log: read it through EventLog (size, pages, leaf hashes, scans, ranges)")
                .check(classes);
    }

    /** The CLI commands that run a benchmark or a simulator: the bench, psp-sim and chaos packages, Bench* and *SimCommand. */
    private static DescribedPredicate<JavaClass> shipsATool() {
        return DescribedPredicate.describe("a command that runs a benchmark, a simulator or a game day", c -> {
            String top = c.getName().replaceAll("\\$.*", "");
            String simple = top.substring(top.lastIndexOf('.') + 1);
            // game days run the PSP simulator as their fault target (docs/runbooks/game-days.md)
            return c.getPackageName().startsWith("io.mbp.cli.bench") || c.getPackageName().startsWith("io.mbp.cli.pspsim")
                    || c.getPackageName().startsWith("io.mbp.cli.chaos")
                    || (c.getPackageName().startsWith("io.mbp.cli.") && (simple.startsWith("Bench") || simple.endsWith("SimCommand")
                    || simple.equals("HttpBench")));
        });
    }


    private static String topPackage(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith("io.mbp.")) {
            return null;
        }
        String rest = p.substring("io.mbp.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}
