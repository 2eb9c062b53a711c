package io.mbp.oracle;

/** An active source on an event's panel, with its current reputation weight. */
public record PanelSource(String id, long weightBps) {
}
