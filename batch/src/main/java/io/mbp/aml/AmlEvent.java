package io.mbp.aml;

import io.mbp.events.EventPayload;

/**
 * The AML monitoring family (docs/aml.md): alerts, cases and their decisions, COAF drafts. Every type
 * name starts with "Aml" and every event goes to an "aml-…" stream, never an account's stream, so
 * customer-facing reads can leave the whole family out (no tipping-off, Lei 9.613 art. 11, ADR 0715).
 */
public sealed interface AmlEvent extends EventPayload
        permits AmlScenarioRegistered, AmlAlertOpened, AmlCaseOpened, AmlCaseAssigned, AmlCaseDecided, AmlCoafDrafted {
    String ALERTS_STREAM = "aml-alerts";
    String CASES_STREAM = "aml-cases";
    String SCENARIOS_STREAM = "aml-scenarios";

    String streamId();
}
