package com.flashsale.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ThreadsOnTimeoutTest {

    @Test
    void aTimeoutAnywhereInTheCausesCountsAndNothingElseDoes() {
        Throwable blockingRead = new IllegalStateException(
                "Timeout on blocking read for 30000000000 NANOSECONDS",
                new TimeoutException("Timeout on blocking read"));
        assertThat(ThreadsOnTimeout.causedByTimeout(blockingRead)).isTrue();
        assertThat(ThreadsOnTimeout.causedByTimeout(new TimeoutException())).isTrue();
        assertThat(ThreadsOnTimeout.causedByTimeout(new AssertionError("expected 400 but was 500")))
                .isFalse();
        assertThat(ThreadsOnTimeout.causedByTimeout(new IllegalStateException(new RuntimeException())))
                .isFalse();
    }
}
