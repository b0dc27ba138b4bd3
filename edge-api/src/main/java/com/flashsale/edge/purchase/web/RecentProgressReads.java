package com.flashsale.edge.purchase.web;

import com.flashsale.edge.purchase.SaleProgress;
import com.flashsale.edge.purchase.persistence.R2dbcPurchaseHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A sale's stored progress, read at most once a second whoever asks: every admin's dashboard refreshes
 * it, and each read scans the sale's outcomes, so callers within a second share one read.
 */
@Component
class RecentProgressReads {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final R2dbcPurchaseHistory stored;
    private final ConcurrentHashMap<UUID, Read> reads = new ConcurrentHashMap<>();

    RecentProgressReads(R2dbcPurchaseHistory stored) {
        this.stored = stored;
    }

    Mono<SaleProgress.Stored> of(UUID saleId, Instant now) {
        Read read = reads.compute(
                saleId,
                (id, last) -> last != null && last.isFreshAt(now)
                        ? last
                        : new Read(
                                now,
                                stored.progressOf(id, SaleProgress.readFrom(now))
                                        .cache()));
        // A failed read is not kept: the next caller tries again.
        return read.result().doOnError(e -> reads.remove(saleId, read));
    }

    private record Read(Instant at, Mono<SaleProgress.Stored> result) {
        boolean isFreshAt(Instant now) {
            return !now.isBefore(at) && now.isBefore(at.plus(FRESH));
        }
    }
}
