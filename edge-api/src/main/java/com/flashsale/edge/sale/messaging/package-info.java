/** The edge copy of the sales topic. */
package com.flashsale.edge.sale.messaging;
