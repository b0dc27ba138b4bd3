package com.flashsale.orders.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTableTest {

    @Test
    void printsOneLinePerPartitionWithTheFiguresOfTheReport() {
        LagReport report = new LagReport(
                "flashsale.purchase-requests.v1",
                "order-processor",
                Instant.parse("2026-12-01T15:00:00Z"),
                2_000,
                10,
                40,
                List.of(
                        new PartitionLag(
                                0,
                                100,
                                100,
                                100L,
                                0,
                                null,
                                0.0,
                                null,
                                new TopicProgress.Owner("m-0", "consumer-0", "/127.0.0.1"),
                                PartitionStatus.OK),
                        new PartitionLag(1, 140, 100, null, 40, 12_500L, 8.0, 5.0, null, PartitionStatus.STOPPED)));

        List<String> lines = LagTable.of(report).lines().toList();

        assertThat(lines.get(0)).contains("flashsale.purchase-requests.v1", "order-processor", "40 waiting");
        assertThat(lines.get(1)).contains("PARTITION", "LAG", "OLDEST", "STATUS");
        assertThat(lines.get(2)).contains("OK", "consumer-0").doesNotContain("none");
        assertThat(lines.get(3)).contains("140", "40", "12.5 s", "5.0 s", "STOPPED", "none");
        assertThat(lines).hasSize(4);
    }
}
