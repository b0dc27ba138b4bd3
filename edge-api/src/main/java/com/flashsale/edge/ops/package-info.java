/** What operators see through the edge: order-processor's lag report, for admins (docs/adr/0015). */
package com.flashsale.edge.ops;
