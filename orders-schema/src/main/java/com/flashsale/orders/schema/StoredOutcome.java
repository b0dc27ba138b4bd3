package com.flashsale.orders.schema;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A request's outcome as the orders schema stores it, read back as the outcomes topic's record: the
 * columns {@link #COLUMNS} of the table {@code purchase_outcomes} (order-processor) and of the read
 * contract's view {@code purchase_history_v1} (its readers) alike.
 */
public final class StoredOutcome {

    /** The columns {@link #read} needs, in a select list. */
    public static final String COLUMNS = "request_id, sale_id, user_id, status, reason, accepted_at, decided_at";

    private StoredOutcome() {}

    /** The outcome in a row that has {@link #COLUMNS}. */
    public static PurchaseDecided read(Readable row) {
        String reason = row.get("reason", String.class);
        return new PurchaseDecided(
                PurchaseDecided.VERSION,
                row.get("request_id", UUID.class),
                row.get("sale_id", UUID.class),
                row.get("user_id", UUID.class),
                PurchaseStatus.valueOf(row.get("status", String.class)),
                reason == null ? null : RejectionReason.valueOf(reason),
                row.get("accepted_at", OffsetDateTime.class).toInstant(),
                row.get("decided_at", OffsetDateTime.class).toInstant());
    }
}
