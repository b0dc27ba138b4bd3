package com.flashsale.edge.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.netty.http.client.HttpClient;

/**
 * One more path of the storm that a fresh edge rehearses before it reports ready, after the refusals
 * ({@link StartupWarmth}): contributed by the capability that owns the path, run with the warm-up's
 * made-up shoppers over loopback to the edge's own port.
 */
public interface StartupRehearsal {

    /** What the step is called in the warm-up's health details and log line. */
    String name();

    /**
     * Runs the step, {@code concurrency} requests at a time, sending nothing more once {@code stopping}
     * is set; returns how many answers got each status. Leaves nothing behind that a shopper, an
     * admin or order-processor could see.
     */
    Map<Integer, Long> run(HttpClient http, Rehearsal shoppers, int concurrency, AtomicBoolean stopping)
            throws Exception;
}
