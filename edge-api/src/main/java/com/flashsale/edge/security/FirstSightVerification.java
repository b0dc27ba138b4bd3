package com.flashsale.edge.security;

import com.flashsale.auth.Caller;
import com.flashsale.auth.TokenVerifier;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * The first sight of a token (an RS256 signature check, ~35-50 us warm and far more on a cold JVM)
 * runs here, on a few threads of its own, never on a Netty event loop: the requests of shoppers whose
 * tokens are known, and every refusal, keep being answered while a crowd's new tokens are checked.
 * At most {@code maxWaiting} checks wait; beyond that a request is turned away at once ({@link
 * Overloaded}), before anything was done for it, rather than waiting without bound.
 */
final class FirstSightVerification implements AutoCloseable {

    private final TokenVerifier verifier;
    private final ThreadPoolExecutor pool;

    FirstSightVerification(TokenVerifier verifier, int threads, int maxWaiting) {
        this.verifier = verifier;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxWaiting),
                r -> {
                    Thread thread = new Thread(r, "token-verify-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        pool.prestartAllCoreThreads();
    }

    /** The caller the token proves, judged on this pool and handed back to {@code loop} (the request's). */
    Mono<Optional<Caller>> verify(String token, Executor loop) {
        return Mono.create(sink -> {
            try {
                pool.execute(() -> {
                    Optional<Caller> caller;
                    try {
                        caller = verifier.verify(token);
                    } catch (RuntimeException | Error unexpected) {
                        // Never a request left without an answer: the failure goes to the request (a 500).
                        answerOn(loop, () -> sink.error(unexpected));
                        return;
                    }
                    answerOn(loop, () -> sink.success(caller));
                });
            } catch (RejectedExecutionException full) {
                sink.error(new Overloaded());
            }
        });
    }

    private static void answerOn(Executor loop, Runnable answer) {
        try {
            loop.execute(answer);
        } catch (RejectedExecutionException loopGone) {
            answer.run(); // the event loop is shutting down
        }
    }

    /** Too many first sights are waiting already: the request is turned away untouched. */
    static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("too many tokens waiting for verification", null, false, false);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
