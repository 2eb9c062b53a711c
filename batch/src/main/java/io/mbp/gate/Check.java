package io.mbp.gate;

import java.util.List;

/**
 * One check of a gate: what it found ({@code detail}) and where the proof is ({@code evidence}: files,
 * or log events as "log seq N Type"), so a reviewer can open exactly what decided it.
 */
public record Check(String id, String name, GateStatus status, String detail, List<String> evidence) {
    public Check {
        evidence = List.copyOf(evidence);
    }

    public static Check green(String id, String name, String detail, List<String> evidence) {
        return new Check(id, name, GateStatus.GREEN, detail, evidence);
    }

    public static Check red(String id, String name, String detail, List<String> evidence) {
        return new Check(id, name, GateStatus.RED, detail, evidence);
    }

    /** Nothing to decide on; {@code detail} says which evidence is missing and what produces it. */
    public static Check missing(String id, String name, String detail) {
        return new Check(id, name, GateStatus.NO_EVIDENCE, detail, List.of());
    }

    public static Check of(boolean ok, String id, String name, String detail, List<String> evidence) {
        return new Check(id, name, ok ? GateStatus.GREEN : GateStatus.RED, detail, evidence);
    }
}
