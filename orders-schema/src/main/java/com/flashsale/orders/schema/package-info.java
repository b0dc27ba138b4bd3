/**
 * order-processor's schema {@code orders} as a module of its own (docs/adr/0013): the Flyway scripts
 * under {@code db/migration/orders}, whose views {@code *_v1} are the read contract of docs/adr/0008,
 * and the one reading of a stored outcome.
 */
package com.flashsale.orders.schema;
