package com.flashsale.orders.lag;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/** The last samples of one partition, oldest first, and what they say: rates, drain estimate, status. */
final class ProgressWindow {

    private final int size;
    private final ArrayDeque<LagSample> samples = new ArrayDeque<>();

    ProgressWindow(int size) {
        this.size = size;
    }

    synchronized void add(LagSample sample) {
        samples.addLast(sample);
        while (samples.size() > size) {
            samples.removeFirst();
        }
    }

    synchronized List<LagSample> samples() {
        return List.copyOf(samples);
    }

    /** Requests applied per second across the window (0 with fewer than two samples). */
    double applyRate() {
        return rate(samples(), true);
    }

    /** Seconds until the lag is gone at the window's net pace (applied minus arriving); null if it does not shrink. */
    Double drainSeconds() {
        List<LagSample> window = samples();
        if (window.isEmpty()) {
            return null;
        }
        long lag = window.get(window.size() - 1).lag();
        if (lag == 0) {
            return 0.0;
        }
        double net = rate(window, true) - rate(window, false);
        return net > 0 ? lag / net : null;
    }

    PartitionStatus status() {
        return ProgressRule.judge(samples(), size);
    }

    private static double rate(List<LagSample> window, boolean applied) {
        if (window.size() < 2) {
            return 0;
        }
        LagSample first = window.get(0);
        LagSample last = window.get(window.size() - 1);
        double seconds = Duration.between(first.at(), last.at()).toNanos() / 1e9;
        if (seconds <= 0) {
            return 0;
        }
        long moved = applied ? last.appliedOffset() - first.appliedOffset() : last.endOffset() - first.endOffset();
        return Math.max(0, moved) / seconds;
    }
}
