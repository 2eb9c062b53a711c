package io.mbp.oracle;

import io.mbp.oracle.OracleCommand.RawReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A pure oracle run for tests: decide against the state, evolve it with what was decided. */
final class Scenario {
    final OracleState state;
    final List<OracleEvent> log = new ArrayList<>();

    Scenario(OracleParams params) {
        this.state = new OracleState(params);
    }

    Scenario() {
        this(OracleParams.DEFAULTS);
    }

    static Instant t(String hhmm) {
        return Instant.parse("2026-11-27T" + hhmm + ":00Z");
    }

    List<OracleEvent> run(OracleCommand c, Instant at) {
        List<OracleEvent> out = OracleEngine.decide(state, c, Clock.fixed(at, ZoneOffset.UTC));
        out.forEach(state::evolve);
        log.addAll(out);
        return out;
    }

    Scenario source(String id, long weight) {
        run(new OracleCommand.RegisterSource(new SourceRegistered(id, id, weight)), t("00:00"));
        return this;
    }

    Scenario member(String id) {
        run(new OracleCommand.AddCommitteeMember(new CommitteeMemberAdded(id, id)), t("00:00"));
        return this;
    }

    Scenario numeric(String id, String resolves, List<String> panel) {
        run(new OracleCommand.RegisterEvent(new OracleEventRegistered(id, "numeric", null, "0", "100", null,
                "2026-11-27T" + resolves + ":00Z", 1800, 7200, panel), "test"), t("00:00"));
        return this;
    }

    Scenario categorical(String id, String resolves, List<String> outcomes) {
        run(new OracleCommand.RegisterEvent(new OracleEventRegistered(id, "categorical", null, null, null, outcomes,
                "2026-11-27T" + resolves + ":00Z", 1800, 7200, null), "test"), t("00:00"));
        return this;
    }

    List<OracleEvent> report(String source, String event, String hhmm, String value) {
        return run(new OracleCommand.Ingest(List.of(new RawReport("t:1", source, event, "2026-11-27T" + hhmm + ":00Z", value, null))),
                t("23:59"));
    }

    List<OracleEvent> aggregate(String hhmm) {
        return run(new OracleCommand.Aggregate(List.of()), t(hhmm));
    }

    <T extends OracleEvent> List<T> of(List<OracleEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends OracleEvent> List<T> all(Class<T> type) {
        return of(log, type);
    }
}
