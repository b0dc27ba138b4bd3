/** The edge's copy of the sales and their stock, and the public sale routes answered from it. */
package com.flashsale.edge.sale;
