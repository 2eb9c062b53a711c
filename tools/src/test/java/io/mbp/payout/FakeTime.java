package io.mbp.payout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when the runner "sleeps": tests run hours of backoff in microseconds. */
final class FakeTime extends Clock implements PayoutRunner.Sleeper {
    private Instant now;

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void sleep(Duration d) {
        now = now.plus(d);
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
