package com.flashsale.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class IsoInstantsTest {

    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void writesAndReadsExactlyWhatTheJdkWritesAndReads() {
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        int[] granularities = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 200_000; i++) {
            int step = granularities[i % granularities.length];
            int nano = step == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / step) * step;
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), nano);
            String text = IsoInstants.format(instant);
            assertThat(text).isEqualTo(instant.toString());
            assertThat(IsoInstants.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void readsEveryFractionLengthAndLeavesOtherShapesToTheJdk() {
        for (String text : new String[] {
            "2026-11-25T12:00:00.1Z", "2026-11-25T12:00:00.12Z", "2026-11-25T12:00:00.1234Z",
            "2026-11-25T12:00:00.123456789Z", "2026-11-25T12:00:00+01:00", "2016-12-31T23:59:60Z",
            "0001-01-01T00:00:00Z", "+12026-11-25T12:00:00Z", "2026-11-25T24:00:00Z"
        }) {
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String bad : new String[] {"2026-02-30T12:00:00Z", "2026-11-25 12:00:00Z", "x"}) {
            assertThatThrownBy(() -> IsoInstants.parse(bad)).as(bad).isInstanceOf(DateTimeException.class);
        }
    }

    @Test
    void theModuleKeepsTheJsonOfTheContracts() {
        JsonMapper plain = JsonMapper.builder().build();
        JsonMapper fast =
                JsonMapper.builder().addModule(new ContractsJacksonModule()).build();
        PurchaseDecided outcome = new PurchaseDecided(
                PurchaseDecided.VERSION,
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                PurchaseStatus.CONFIRMED,
                null,
                Instant.parse("2026-11-25T12:00:00.123Z"),
                Instant.parse("2026-11-25T12:00:01.123456Z"));

        String json = fast.writeValueAsString(outcome);

        assertThat(json).isEqualTo(plain.writeValueAsString(outcome));
        assertThat(fast.readValue(json, PurchaseDecided.class)).isEqualTo(outcome);
        assertThat(fast.readValue(
                                json.replace("\"2026-11-25T12:00:00.123Z\"", "\"2026-11-25T12:00:00.123+00:00\""),
                                PurchaseDecided.class)
                        .acceptedAt())
                .isEqualTo(outcome.acceptedAt());
    }
}
