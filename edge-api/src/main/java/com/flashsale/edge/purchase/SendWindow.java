package com.flashsale.edge.purchase;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many admitted purchases may wait for Kafka's acknowledgement at once, over all shoppers. Past
 * that the broker is not keeping up, and another request would only wait longer and end in an
 * "outcome unknown" answer: it is turned away before it is sent, with nothing done for it.
 */
public final class SendWindow {

    private final int capacity;
    private final AtomicInteger waiting = new AtomicInteger();

    public SendWindow(int capacity) {
        this.capacity = capacity;
    }

    /** A place for one send; empty when the window is full. */
    public Optional<ShopperLimits.Slot> enter() {
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(waiting::decrementAndGet);
    }

    public int waiting() {
        return waiting.get();
    }
}
