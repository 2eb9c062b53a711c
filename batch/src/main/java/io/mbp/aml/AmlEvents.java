package io.mbp.aml;

import io.mbp.events.EventTypes;
import java.util.List;

/** The AML family's registry and type names. */
public final class AmlEvents {
    public static final EventTypes TYPES = EventTypes.of(AmlEvent.class);
    /** Every customer-facing view leaves out the events whose type starts with this (ADR 0715). */
    public static final String TYPE_PREFIX = "Aml";
    public static final List<String> CASE_TYPES = List.of("AmlAlertOpened", "AmlCaseOpened", "AmlCaseAssigned", "AmlCaseDecided",
            "AmlCoafDrafted");

    private AmlEvents() {
    }
}
