/** What a fresh order-processor rehearses before it reports ready (docs/adr/0019). */
package com.flashsale.orders.warmup;
