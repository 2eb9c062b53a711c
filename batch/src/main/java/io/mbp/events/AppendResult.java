package io.mbp.events;

/** What one append did: how many events, the seq range they got, and the log size after. */
public record AppendResult(long appended, long firstSeq, long lastSeq, long logSize) {
}
