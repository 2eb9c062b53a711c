package io.mbp.statement;

import java.time.LocalDate;
import java.util.List;

/** A statement for one account and one booking date. */
public record Statement(String account, LocalDate date, List<StatementLine> lines) {
    public Statement {
        lines = List.copyOf(lines);
    }

    public long total(char direction) {
        return lines.stream().filter(l -> l.direction() == direction).mapToLong(StatementLine::amount).sum();
    }
}
