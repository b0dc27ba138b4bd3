/**
 * The messages that cross service boundaries over Kafka: immutable, versioned records, named in
 * the past tense, with times as ISO-8601 UTC instants. Dependency-free on purpose.
 */
package com.flashsale.contracts;
