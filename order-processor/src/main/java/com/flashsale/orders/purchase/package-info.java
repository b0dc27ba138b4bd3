/** Applying purchase requests: the ledger's rules over one sale, and their adapters. */
package com.flashsale.orders.purchase;
