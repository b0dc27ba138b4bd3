package com.flashsale.edge;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test can stand at any instant; it follows the system clock until told otherwise. */
final class MutableClock extends Clock {

    private volatile Instant fixed;

    void standAt(Instant instant) {
        this.fixed = instant;
    }

    void follow() {
        this.fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
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
