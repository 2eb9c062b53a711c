package io.mbp.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import io.mbp.jobs.steps.Publish;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * specs/slo has one reader: the status site and the public exports (Publish.objectives) see the objectives
 * `mbp slo` generates rules from, and refuse the specs `mbp slo` refuses, naming the file and the field.
 */
class SloSpecsTest {
    static final Path SPECS = Path.of("..", "specs", "slo");

    @TempDir
    Path tmp;

    @Test
    void theStatusSiteSeesTheObjectivesOfTheRepositorysSpecs() {
        List<SloSpec> slos = SloSpecs.load(SPECS).slos();
        assertEquals(slos, Publish.objectives(SPECS, true));
        SloSpec api = slos.stream().filter(s -> s.id().equals("api-availability")).findFirst().orElseThrow();
        assertEquals("0.9995", api.target().toPlainString());
        assertEquals(30, api.windowDays());
        assertEquals("0.0005", api.budget().toPlainString());
        assertEquals(SloSpecs.services(slos).stream().distinct().toList(), SloSpecs.services(slos));
        assertTrue(SloSpecs.services(slos).contains("api"));
    }

    @Test
    void aWatcherMbpSloRefusesIsRefusedByTheStatusBuildToo() throws Exception {
        Files.copy(SPECS.resolve("api.yaml"), tmp.resolve("api.yaml"));
        Files.writeString(tmp.resolve("watchers.yaml"), Files.readString(SPECS.resolve("watchers.yaml"))
                .replaceFirst("severity: page", "severity: urgent"));
        BadInputException e = assertThrows(BadInputException.class, () -> Publish.objectives(tmp, true));
        assertTrue(e.getMessage().contains("watchers.yaml") && e.getMessage().contains("severity"), e.getMessage());
    }

    @Test
    void aQueryWithoutItsWindowIsRefusedByTheStatusBuildToo() throws Exception {
        Files.writeString(tmp.resolve("api.yaml"), Files.readString(SPECS.resolve("api.yaml")).replace("{{.window}}", "5m"));
        BadInputException e = assertThrows(BadInputException.class, () -> Publish.objectives(tmp, true));
        assertTrue(e.getMessage().contains("api.yaml") && e.getMessage().contains("{{.window}}"), e.getMessage());
    }

    @Test
    void aWindowOfTooManyDaysIsBadInputNotACrash() throws Exception {
        Files.writeString(tmp.resolve("api.yaml"), Files.readString(SPECS.resolve("api.yaml")).replace("duration: 30d", "duration: 99999999999999999999d"));
        BadInputException e = assertThrows(BadInputException.class, () -> SloSpecs.load(tmp));
        assertTrue(e.getMessage().contains("api.yaml") && e.getMessage().contains("timeWindow"), e.getMessage());
        assertEquals(List.of(), Publish.objectives(tmp.resolve("absent"), false), "optional specs that are absent: no objectives");
    }
}
