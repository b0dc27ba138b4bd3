package com.flashsale.contracts;

import java.time.Instant;

/**
 * When a sale sells: the window [startsAt, endsAt), start inclusive, end exclusive. The one place
 * of this rule for every service that judges it (the edge at admission and for display,
 * order-processor at acceptance time).
 */
public record SaleWindow(Instant startsAt, Instant endsAt) {

    /** Where an instant lies against the window. */
    public enum Phase {
        UPCOMING,
        OPEN,
        ENDED
    }

    public Phase phaseAt(Instant at) {
        if (at.isBefore(startsAt)) {
            return Phase.UPCOMING;
        }
        return at.isBefore(endsAt) ? Phase.OPEN : Phase.ENDED;
    }

    /** Whether a purchase accepted at {@code at} lies inside the window. */
    public boolean isOpenAt(Instant at) {
        return phaseAt(at) == Phase.OPEN;
    }
}
