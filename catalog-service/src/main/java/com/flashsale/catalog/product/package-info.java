/** The product catalogue: what can be put on flash sale. */
package com.flashsale.catalog.product;
