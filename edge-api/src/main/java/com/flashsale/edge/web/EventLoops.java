package com.flashsale.edge.web;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/** The Netty event loop that serves a request: work handed back to it runs without another hand-off. */
public final class EventLoops {

    /** For a request that did not come through Reactor Netty (never in a running edge). */
    private static final ScheduledExecutorService FALLBACK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "edge-fallback-loop");
        thread.setDaemon(true);
        return thread;
    });

    private EventLoops() {}

    public static ScheduledExecutorService of(ServerWebExchange exchange) {
        Object request;
        try {
            request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        } catch (IllegalStateException noServer) {
            return FALLBACK; // a mock request (unit tests)
        }
        return request instanceof Connection connection ? connection.channel().eventLoop() : FALLBACK;
    }
}
