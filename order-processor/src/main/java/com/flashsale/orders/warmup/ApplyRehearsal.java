package com.flashsale.orders.warmup;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.SaleDefined;
import com.flashsale.orders.purchase.ApplyingBatch;
import com.flashsale.orders.purchase.IncomingRequest;
import com.flashsale.orders.purchase.Transactions;
import com.flashsale.orders.sale.persistence.R2dbcSaleCopies;
import com.flashsale.web.health.WarmUpBeforeReady;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh order-processor rehearses the apply before it reports ready (docs/adr/0019): a sale's
 * opening brings it a few dozen batches, too few for its code to be compiled while the stock sells,
 * so it applies made-up batches first, each in a transaction that is rolled back. Each transaction
 * stores a made-up sale of a few units (as the sales topic's copy would), applies a batch of made-up
 * requests to it (parsed from JSON as a record's value is), then a second batch with replays of the
 * first, new presses of its shoppers and new shoppers, so that confirmations, sold-out refusals,
 * already-bought refusals and decided replays are all taken through the batch's load, the ledger and
 * its store. The partition's offsets are never touched and nothing is published: nothing of it lands
 * in PostgreSQL or on Kafka. Records of the purchase topic are applied meanwhile as always; only the
 * readiness waits, and the rehearsal ends as soon as a real batch was applied (a backlog after a restart,
 * a sale opening): real work warms the code itself and should not share the machine with a rehearsal.
 */
@Component
class ApplyRehearsal extends WarmUpBeforeReady {

    private static final Logger log = LoggerFactory.getLogger(ApplyRehearsal.class);
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int LARGEST_BATCH = 120;
    /**
     * A partition no topic has: the outcomes' unique (partition, offset) of a rehearsal never meets a
     * real record's, committed or in flight, so a real batch never waits on a rehearsal's row.
     */
    private static final int NO_PARTITION = -1;

    private final int batches;
    private final Transactions tx;
    private final ApplyingBatch applying;
    private final R2dbcSaleCopies sales;
    private final JsonMapper json;
    private final Clock clock;
    private volatile Map<String, Integer> decided = Map.of();

    ApplyRehearsal(
            @Value("${flashsale.orders.warmup.batches:400}") int batches,
            Transactions tx,
            ApplyingBatch applying,
            R2dbcSaleCopies sales,
            JsonMapper json,
            Clock clock) {
        super("apply-rehearsal");
        this.batches = batches;
        this.tx = tx;
        this.applying = applying;
        this.sales = sales;
        this.json = json;
        this.clock = clock;
    }

    /** Begins no rehearsal transaction once {@code stopping} is set (the processor stops). */
    @Override
    protected void warmUp(AtomicBoolean stopping) {
        long start = System.nanoTime();
        Map<String, Integer> outcomes = new TreeMap<>();
        int rehearsed = 0;
        try {
            for (int b = 0; b < batches && !stopping.get(); b++) {
                if (applying.batchesApplied() > 0) {
                    // Records are being applied (a backlog, a sale opening): they warm the code themselves, and
                    // the rehearsal would only take their CPU and connections.
                    break;
                }
                for (PurchaseDecided outcome : rehearseOne(b)) {
                    outcomes.merge(
                            outcome.confirmed() ? "CONFIRMED" : String.valueOf(outcome.reason()), 1, Integer::sum);
                }
                rehearsed++;
            }
        } finally {
            decided = Map.copyOf(outcomes);
        }
        log.info(
                "Rehearsed the apply in {} ms: {} made-up batches in transactions rolled back (outcomes decided: {}){}",
                (System.nanoTime() - start) / 1_000_000,
                rehearsed * 2,
                outcomes,
                rehearsed < batches && !stopping.get() ? "; ended early: real batches are being applied" : "");
    }

    /** One rolled-back transaction of two batches on a made-up sale; the outcomes they decided. */
    private List<PurchaseDecided> rehearseOne(int b) {
        Instant now = clock.instant();
        int size = 1 + (b * 37) % LARGEST_BATCH;
        // Fewer units than the batches' shoppers: some are confirmed, the others refused sold out.
        SaleDefined sale = sale(now, Math.max(1, size / 2));
        List<PurchaseRequested> first = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            first.add(request(sale, UUID.randomUUID(), now));
        }
        List<PurchaseRequested> second = new ArrayList<>();
        for (int i = 0; i < first.size(); i += 2) {
            second.add(first.get(i)); // a replay: decided already, the same outcome
            second.add(request(sale, first.get(i).userId(), now)); // the same shopper again
        }
        second.add(request(sale, UUID.randomUUID(), now)); // a new shopper
        // Offsets of their own too, so that two processors rehearsing at once never wait on each other's rows.
        long offset = ThreadLocalRandom.current().nextLong(1L << 40);
        List<IncomingRequest.Readable> firstRecords = records(first, offset);
        List<IncomingRequest.Readable> secondRecords = records(second, offset + first.size());
        Mono<List<PurchaseDecided>> work = sales.upsert(sale)
                .then(applying.rehearse(NO_PARTITION, firstRecords))
                .zipWhen(applied -> applying.rehearse(NO_PARTITION, secondRecords))
                .map(both -> {
                    List<PurchaseDecided> all = new ArrayList<>(both.getT1().outcomes());
                    all.addAll(both.getT2().outcomes());
                    return all;
                });
        List<PurchaseDecided> outcomes = tx.rolledBack(work).block(BOUND);
        return outcomes == null ? List.of() : outcomes;
    }

    /** The requests as records of a partition from {@code firstOffset}, each parsed from its JSON as a record is. */
    private List<IncomingRequest.Readable> records(List<PurchaseRequested> requests, long firstOffset) {
        List<IncomingRequest.Readable> records = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            byte[] value = json.writeValueAsBytes(requests.get(i));
            records.add(new IncomingRequest.Readable(firstOffset + i, json.readValue(value, PurchaseRequested.class)));
        }
        return records;
    }

    private static PurchaseRequested request(SaleDefined sale, UUID shopper, Instant now) {
        return new PurchaseRequested(PurchaseRequested.VERSION, UUID.randomUUID(), sale.saleId(), shopper, now);
    }

    private static SaleDefined sale(Instant now, int stock) {
        return new SaleDefined(
                SaleDefined.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                "rehearsal",
                new BigDecimal("1.00"),
                "EUR",
                stock,
                now.minus(Duration.ofMinutes(1)),
                now.plus(Duration.ofHours(1)),
                1,
                now,
                new BigDecimal("2.00"),
                null);
    }

    @Override
    protected Health warm(Health.Builder up) {
        return up.withDetail("decided", decided).build();
    }

    @Override
    protected String warming() {
        return "rehearsing the apply";
    }
}
