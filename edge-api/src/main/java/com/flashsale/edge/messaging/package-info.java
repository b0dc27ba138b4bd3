/**
 * The edge's Kafka plumbing that several capabilities share (a group-less tail of topics); no
 * capability's rules live here, so every capability may depend on it and it on none.
 */
package com.flashsale.edge.messaging;
