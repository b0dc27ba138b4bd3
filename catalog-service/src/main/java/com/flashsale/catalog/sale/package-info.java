/**
 * Flash sales: defined here, published to the compacted sales topic on every change so that
 * edge-api and order-processor keep their own copies.
 */
package com.flashsale.catalog.sale;
