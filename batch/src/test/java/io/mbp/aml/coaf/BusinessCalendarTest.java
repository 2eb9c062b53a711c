package io.mbp.aml.coaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The COAF deadline clock: the end of the business day after the decision, in Brasília, skipping weekends and holidays. */
class BusinessCalendarTest {
    final BusinessCalendar br = BusinessCalendar.brazil();

    ZonedDateTime due(String decided) {
        return br.communicationDue(Instant.parse(decided));
    }

    @Test
    void aDecisionOnAnOrdinaryWeekdayIsDueTheNextDayAtMidnightBrasilia() {
        // Wednesday 2026-11-25 15:00 Brasília -> Thursday 26 23:59:59 -03:00
        assertEquals("2026-11-27T02:59:59Z", due("2026-11-25T18:00:00Z").toInstant().toString());
    }

    @Test
    void aFridayDecisionSkipsTheWeekend() {
        assertEquals(LocalDate.parse("2026-11-30"), due("2026-11-27T18:00:00Z").toLocalDate()); // Fri -> Mon
    }

    @Test
    void aDecisionBeforeAHolidaySkipsIt() {
        // Thursday 2026-11-19: Friday 20 is Consciência Negra (national since Lei 14.759/2023) -> Monday 23
        assertEquals(LocalDate.parse("2026-11-23"), due("2026-11-19T15:00:00Z").toLocalDate());
        // Thursday 2026-12-24 -> Friday 25 is Christmas, then the weekend -> Monday 28
        assertEquals(LocalDate.parse("2026-12-28"), due("2026-12-24T15:00:00Z").toLocalDate());
        // Friday 2026-02-13: weekend and Carnival Monday and Tuesday -> Wednesday 18
        assertEquals(LocalDate.parse("2026-02-18"), due("2026-02-13T15:00:00Z").toLocalDate());
    }

    @Test
    void theDayOfTheDecisionIsTheDayInBrasiliaNotInUtc() {
        // 2026-11-27 01:00 UTC is still Thursday 26 at 22:00 in Brasília -> due Friday 27
        assertEquals(LocalDate.parse("2026-11-27"), due("2026-11-27T01:00:00Z").toLocalDate());
    }

    @Test
    void weekendsAndHolidaysAreNotBusinessDays() {
        assertFalse(br.isBusinessDay(LocalDate.parse("2026-11-28")));
        assertFalse(br.isBusinessDay(LocalDate.parse("2026-04-03"))); // Good Friday
        assertTrue(br.isBusinessDay(LocalDate.parse("2026-11-27")));
        assertTrue(br.holiday(LocalDate.parse("2026-11-20")).startsWith("national"));
    }

    @Test
    void aYearTheDataDoesNotCoverIsRefusedNotGuessed() {
        BadInputException e = assertThrows(BadInputException.class, () -> due("2031-03-03T12:00:00Z"));
        assertTrue(e.getMessage().contains("2025-2030"), e.getMessage());
    }

    @Test
    void aBadHolidayRowIsNamed() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> BusinessCalendar.read(new StringReader("date,kind,name\n2026-01-01,national,x\n2026-13-01,national,y\n"), "h.csv"));
        assertTrue(e.getMessage().contains("h.csv record 2"), e.getMessage());
    }

    @Test
    void theDraftCarriesTheDeadline() {
        CoafDraft d = CoafDraft.of("COAF-000001", "CASE-000001", Instant.parse("2026-11-27T18:00:00Z"), "carol", "pattern confirmed",
                List.of(new CoafDraft.Alert("AML-1", "structuring", 1, "acct-0001", "subj-1", "2026-11-27", "3 deposits", List.of(5L))),
                br);
        assertTrue(d.json().contains("\"due\":\"2026-12-01T02:59:59Z\""), d.json());
        assertTrue(d.text().contains("DUE: 2026-11-30T23:59:59 America/Sao_Paulo"), d.text());
    }
}
