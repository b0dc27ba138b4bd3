/** Purchases at the edge: admission checks, request ids, publishing and outcomes. */
package com.flashsale.edge.purchase;
