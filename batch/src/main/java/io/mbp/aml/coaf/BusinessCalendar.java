package io.mbp.aml.coaf;

import io.mbp.error.BadInputException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Brazilian business days (ADR 0715): Monday to Friday except the holidays listed as data in
 * {@code br-holidays.csv} (national holidays and the nationwide bank closures). A date outside the
 * listed years is refused rather than guessed: a deadline on a wrong calendar is a missed deadline.
 */
public final class BusinessCalendar {
    public static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    private static final String RESOURCE = "br-holidays.csv";
    private final TreeMap<LocalDate, String> holidays;

    public BusinessCalendar(Map<LocalDate, String> holidays) {
        if (holidays.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs its holidays");
        }
        this.holidays = new TreeMap<>(holidays);
    }

    /** The calendar shipped with MBP Ops. */
    public static BusinessCalendar brazil() {
        try (Reader r = new InputStreamReader(BusinessCalendar.class.getResourceAsStream(RESOURCE), StandardCharsets.UTF_8)) {
            return new BusinessCalendar(read(r, RESOURCE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads {@code date,kind,name} rows ({@code #} comments allowed); a bad row exits 4 naming the line. */
    public static Map<LocalDate, String> read(Reader r, String source) throws IOException {
        Map<LocalDate, String> out = new TreeMap<>();
        CSVFormat f = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').get();
        for (CSVRecord row : f.parse(r)) {
            try {
                out.put(LocalDate.parse(row.get("date")), row.get("kind") + ": " + row.get("name"));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new BadInputException(source + " record " + row.getRecordNumber() + ": expected date,kind,name with an ISO date");
            }
        }
        return out;
    }

    public boolean isBusinessDay(LocalDate d) {
        covered(d);
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.containsKey(d);
    }

    /** The first business day after {@code d}. */
    public LocalDate nextBusinessDay(LocalDate d) {
        LocalDate n = d.plusDays(1);
        while (!isBusinessDay(n)) {
            n = n.plusDays(1);
        }
        return n;
    }

    /**
     * When a communication decided at {@code decidedAt} is due: the end (23:59:59, Brasília time) of the
     * business day after the day of the decision in Brasília.
     */
    public ZonedDateTime communicationDue(java.time.Instant decidedAt) {
        LocalDate decided = decidedAt.atZone(BRASILIA).toLocalDate();
        return nextBusinessDay(decided).atTime(23, 59, 59).atZone(BRASILIA);
    }

    /** The holiday's kind and name, or null. */
    public String holiday(LocalDate d) {
        return holidays.get(d);
    }

    private void covered(LocalDate d) {
        if (d.getYear() < holidays.firstKey().getYear() || d.getYear() > holidays.lastKey().getYear()) {
            throw new BadInputException("the business-day calendar covers " + holidays.firstKey().getYear() + "-"
                    + holidays.lastKey().getYear() + ", not " + d + ": add that year's holidays to " + RESOURCE);
        }
    }
}
