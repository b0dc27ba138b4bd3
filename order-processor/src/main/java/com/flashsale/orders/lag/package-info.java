/**
 * Lag for operators: per partition of the requests topic, how far the stored applied offset trails
 * the end of the log, how old the oldest waiting request is, how fast it drains, who owns it, and a
 * status judged from a window of recent samples (docs/adr/0015).
 */
package com.flashsale.orders.lag;
