package com.flashsale.edge.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SaleWatchersTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final SaleWatchers watchers = new SaleWatchers();
    private final UUID sale = UUID.randomUUID();

    @Test
    void countsEachViewerOnceForThirtySecondsAfterItsLastRead() {
        watchers.seen(sale, "viewer-aaaa", T0);
        watchers.seen(sale, "viewer-aaaa", T0.plusSeconds(1));
        watchers.seen(sale, "viewer-bbbb", T0.plusSeconds(2));
        watchers.seen(UUID.randomUUID(), "viewer-cccc", T0.plusSeconds(2));

        assertThat(watchers.watching(sale, T0.plusSeconds(3))).isEqualTo(2);
        assertThat(watchers.watching(sale, T0.plusSeconds(31)))
                .as("a's last read was at +1 s")
                .isEqualTo(1);
        assertThat(watchers.watching(sale, T0.plusSeconds(33))).isZero();
        assertThat(watchers.watching(UUID.randomUUID(), T0)).isZero();
    }

    @Test
    void aViewerWhoKeepsReadingKeepsCounting() {
        for (int s = 0; s <= 90; s += 10) {
            watchers.seen(sale, "viewer-steady", T0.plusSeconds(s));
        }
        watchers.seen(sale, "viewer-gone", T0);

        assertThat(watchers.watching(sale, T0.plusSeconds(95))).isEqualTo(1);
    }

    @Test
    void acceptsOnlyViewerIdsOfEightToSixtyFourLettersDigitsOrDashes() {
        assertThat(SaleWatchers.VIEWER_ID
                        .matcher("3b1f0c9e-5d2a-4c1b-9e77-0a1b2c3d4e5f")
                        .matches())
                .isTrue();
        assertThat(SaleWatchers.VIEWER_ID.matcher("abcdefgh").matches()).isTrue();
        assertThat(SaleWatchers.VIEWER_ID.matcher("short").matches()).isFalse();
        assertThat(SaleWatchers.VIEWER_ID.matcher("x".repeat(65)).matches()).isFalse();
        assertThat(SaleWatchers.VIEWER_ID.matcher("has space1").matches()).isFalse();
        assertThat(SaleWatchers.VIEWER_ID.matcher("under_score").matches()).isFalse();
    }
}
