package com.flashsale.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.contracts.json.ContractsJacksonModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SaleDefinedTest {

    private final JsonMapper json =
            JsonMapper.builder().addModule(new ContractsJacksonModule()).build();

    @Test
    void readsAVersionOneRecordAsASaleThatIsNotCancelled() {
        String v1 = "{\"v\":1,\"saleId\":\"" + UUID.randomUUID() + "\",\"productId\":\"" + UUID.randomUUID()
                + "\",\"productName\":\"Old\",\"price\":9.50,\"currency\":\"EUR\",\"stock\":5,"
                + "\"startsAt\":\"2026-11-25T10:00:00Z\",\"endsAt\":\"2026-11-25T11:00:00Z\",\"version\":3,"
                + "\"changedAt\":\"2026-11-25T09:00:00Z\"}";

        SaleDefined sale = json.readValue(v1, SaleDefined.class);

        assertThat(sale.v()).isEqualTo(1);
        assertThat(sale.stock()).isEqualTo(5);
        assertThat(sale.price()).isEqualByComparingTo("9.50");
        assertThat(sale.listPrice()).isNull();
        assertThat(sale.cancelledAt()).isNull();
        assertThat(sale.cancelled()).isFalse();
    }

    @Test
    void carriesTheListPriceAndTheCancellationThroughJson() {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        SaleDefined sale = new SaleDefined(
                        SaleDefined.VERSION,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "New",
                        new BigDecimal("9.50"),
                        "EUR",
                        5,
                        start,
                        start.plusSeconds(3600),
                        1,
                        start,
                        new BigDecimal("20.00"),
                        null)
                .cancel(start.plusSeconds(60));

        String text = json.writeValueAsString(sale);
        SaleDefined read = json.readValue(text, SaleDefined.class);

        assertThat(read).isEqualTo(sale);
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.cancelled()).isTrue();
        assertThat(read.listPrice()).isEqualByComparingTo("20.00");
        // Only the record's components travel: no derived flags in the message.
        assertThat(text)
                .doesNotContain("\"cancelled\"")
                .doesNotContain("openAt")
                .doesNotContain("window");
    }
}
