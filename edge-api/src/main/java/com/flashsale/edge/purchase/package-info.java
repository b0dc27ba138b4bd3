/** Purchases at the edge: admission checks, request ids, publishing, outcomes and shoppers' histories. */
package com.flashsale.edge.purchase;
