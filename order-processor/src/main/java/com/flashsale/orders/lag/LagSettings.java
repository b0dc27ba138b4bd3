package com.flashsale.orders.lag;

import java.time.Duration;

/**
 * How often the lag is sampled and how many samples judge a partition: a partition is STALLED once
 * its applied offset has not moved across {@code window} samples, i.e. {@code window x sample-every}.
 */
public record LagSettings(Duration sampleEvery, int window) {}
