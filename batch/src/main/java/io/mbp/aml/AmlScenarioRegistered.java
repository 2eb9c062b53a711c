package io.mbp.aml;

import static io.mbp.events.FieldException.requireText;

import io.mbp.events.EventType;

/** A scenario definition first used (ADR 0713): id, version, rule, the content hash and its parameters as canonical JSON. */
@EventType("AmlScenarioRegistered")
public record AmlScenarioRegistered(String scenario, int version, String rule, String contentHash, String params) implements AmlEvent {
    public AmlScenarioRegistered {
        requireText("scenario", scenario);
        requireText("rule", rule);
        requireText("content_hash", contentHash);
        requireText("params", params);
    }

    @Override
    public String streamId() {
        return SCENARIOS_STREAM;
    }
}
