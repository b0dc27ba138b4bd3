package com.flashsale.edge.purchase.web;

import com.flashsale.contracts.RejectionReason;
import com.flashsale.web.ProblemJson;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * The edge's 409 refusals (sold out, already bought, window closed, cancelled) as RFC 9457 problem details,
 * the same JSON {@code ProblemJson} writes, written from a template: in a storm nearly every answer
 * is one of these, and they should cost the edge little more than a trivial GET.
 */
final class Refusals {

    private static final Map<RejectionReason, String> HEADS = new EnumMap<>(RejectionReason.class);

    static {
        for (RejectionReason reason : RejectionReason.values()) {
            String detail = switch (reason) {
                case SALE_NOT_ACTIVE -> "The sale is not open now.";
                case SOLD_OUT -> "The sale is sold out.";
                case ALREADY_PURCHASED -> "You already bought this sale's product.";
                case SALE_CANCELLED -> "The sale was cancelled.";
            };
            HEADS.put(reason, ProblemJson.head(HttpStatus.CONFLICT, reason.name(), detail));
        }
    }

    private Refusals() {}

    /** The body of the 409 answer for {@code reason} to a purchase of sale {@code saleId}. */
    static String of(RejectionReason reason, UUID saleId) {
        return HEADS.get(reason) + "\"/api/sales/" + saleId + "/purchases\"}";
    }
}
