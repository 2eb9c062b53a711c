package io.mbp.payout.sim;

import io.mbp.payout.PixRail;
import io.mbp.payout.RailResult;
import io.mbp.statement.BankStatements;
import io.mbp.statement.StatementFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** {@link PixRail} straight onto a {@link PspSimulator}, no HTTP: for property tests that run thousands of days. */
public final class InProcessRail implements PixRail {
    private final PspSimulator sim;

    public InProcessRail(PspSimulator sim) {
        this.sim = sim;
    }

    @Override
    public RailResult send(PaymentOrder o) {
        PspSimulator.Reply r = sim.put(o.instructionId(), o.account(), o.pixKey(), o.amount());
        return switch (r.outcome()) {
            case OK -> answer(r.payment());
            case TIMEOUT -> new RailResult.Failed("timeout", true);
            case ERROR -> new RailResult.Failed("http 503: " + r.message(), true);
            case REJECTED, CONFLICT -> new RailResult.Failed(r.message(), false);
        };
    }

    @Override
    public RailResult status(String id) {
        PspSimulator.Payment p = sim.get(id);
        return p == null ? new RailResult.Failed("unknown", true) : answer(p);
    }

    private RailResult answer(PspSimulator.Payment p) {
        return p.confirmedAt(sim.now()) ? new RailResult.Confirmed(p.e2eid(), p.fee()) : new RailResult.Pending();
    }

    @Override
    public List<RailReturn> returns(LocalDate date) {
        return sim.returns(date).stream()
                .map(r -> new RailReturn(r.instructionId(), r.returnId(), r.amount(), r.reason())).toList();
    }

    @Override
    public byte[] statement(LocalDate date, String format) {
        LocalDateTime at = LocalDateTime.ofInstant(sim.now(), ZoneOffset.UTC);
        return switch (format) {
            case "camt053" -> StatementFormat.writeCamt053(sim.statement(date), "MBPSIM-" + date, sim.now().toString());
            case "cnab240" -> BankStatements.writeCnab240(sim.statement(date), at);
            case "ofx", "ofx2" -> BankStatements.writeOfx(sim.statement(date), "ofx2".equals(format), at);
            default -> StatementFormat.writeCsv(sim.statement(date));
        };
    }
}
