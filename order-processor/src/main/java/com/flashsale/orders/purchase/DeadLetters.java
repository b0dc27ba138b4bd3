package com.flashsale.orders.purchase;

import java.util.List;
import reactor.core.publisher.Mono;

/** Records that cannot be purchase requests, kept with their partition and offset and skipped. */
public interface DeadLetters {

    Mono<Void> record(int partition, List<IncomingRequest.Unreadable> unreadable);
}
