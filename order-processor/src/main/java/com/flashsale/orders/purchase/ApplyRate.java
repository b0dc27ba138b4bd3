package com.flashsale.orders.purchase;

/** Applied records per second of one partition over the recent past: an exponentially weighted moving average. */
public final class ApplyRate {

    private long lastNanos;
    private double perSecond;

    /** Counts {@code records} applied at {@code nowNanos} ({@link System#nanoTime()}): the rate after them. */
    public synchronized double record(int records, long nowNanos) {
        if (lastNanos != 0) {
            double seconds = Math.max((nowNanos - lastNanos) / 1e9, 1e-3);
            double instant = records / seconds;
            perSecond = perSecond == 0 ? instant : 0.7 * perSecond + 0.3 * instant;
        }
        lastNanos = nowNanos;
        return perSecond;
    }

    /** The rate as of the last batch (0 before two batches). */
    public synchronized double current() {
        return perSecond;
    }
}
