package io.mbp.statement;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A statement for one account and one booking date, with the balances the bank states for it
 * (empty for our legacy CSV layout, which carries none).
 */
public record Statement(String account, LocalDate date, List<StatementLine> lines, List<StatementBalance> balances) {
    public Statement {
        lines = List.copyOf(lines);
        balances = List.copyOf(balances);
    }

    /** A statement without balances (our CSV layout). */
    public Statement(String account, LocalDate date, List<StatementLine> lines) {
        this(account, date, lines, List.of());
    }

    /** The same lines with these balances. */
    public Statement withBalances(List<StatementBalance> b) {
        return new Statement(account, date, lines, b);
    }

    /**
     * The same lines with the balances they imply from {@code opening}: OPBD {@code opening} and CLBD
     * {@code opening} + booked credits - booked debits, both dated the statement's date.
     */
    public Statement balancedFrom(long opening) {
        return withBalances(List.of(new StatementBalance(BalanceType.OPENING_BOOKED, opening, date),
                new StatementBalance(BalanceType.CLOSING_BOOKED, Math.addExact(opening, bookedNet()), date)));
    }

    /** The sum of the lines in {@code direction} ('C' or 'D'), whatever their status. */
    public long total(char direction) {
        return lines.stream().filter(l -> l.direction() == direction).mapToLong(StatementLine::amount).sum();
    }

    /** The sum of the booked lines in {@code direction}: what moves the booked balance. */
    public long booked(char direction) {
        return lines.stream().filter(l -> l.direction() == direction && l.booked()).mapToLong(StatementLine::amount)
                .sum();
    }

    /** Booked credits minus booked debits, in centavos. */
    public long bookedNet() {
        return booked('C') - booked('D');
    }

    /** The first balance of {@code type}, if the statement states one. */
    public Optional<StatementBalance> balance(BalanceType type) {
        return balances.stream().filter(b -> b.type() == type).findFirst();
    }

    /** The opening booked balance (OPBD), if stated. */
    public Optional<StatementBalance> opening() {
        return balance(BalanceType.OPENING_BOOKED);
    }

    /** The closing booked balance (CLBD), if stated. */
    public Optional<StatementBalance> closing() {
        return balance(BalanceType.CLOSING_BOOKED);
    }
}
