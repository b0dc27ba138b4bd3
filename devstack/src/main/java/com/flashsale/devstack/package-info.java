/**
 * Local infrastructure for {@code ./flashsale}: a holder process for an embedded PostgreSQL and the
 * creation of the platform's Kafka topics. Not used by the services at run time.
 */
package com.flashsale.devstack;
