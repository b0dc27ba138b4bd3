package com.flashsale.edge.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    private final RequestIds ids =
            new RequestIds("a secret of thirty-two bytes !!!".getBytes(StandardCharsets.US_ASCII));
    private final UUID shopper = UUID.randomUUID();

    @Test
    void sameShopperAndKeyGiveTheSameIdOnAnyInstance() {
        RequestIds otherInstance =
                new RequestIds("a secret of thirty-two bytes !!!".getBytes(StandardCharsets.US_ASCII));

        assertThat(otherInstance.derive(shopper, "k1")).isEqualTo(ids.derive(shopper, "k1"));
        assertThat(ids.derive(shopper, "k2")).isNotEqualTo(ids.derive(shopper, "k1"));
        assertThat(ids.derive(UUID.randomUUID(), "k1")).isNotEqualTo(ids.derive(shopper, "k1"));
        assertThat(ids.derive(shopper, "k1").version()).isEqualTo(8);
    }

    @Test
    void tellsTheOwnerFromTheIdAlone() {
        UUID requestId = ids.derive(shopper, "k1");

        assertThat(ids.isOwnedBy(requestId, shopper)).isTrue();
        assertThat(ids.isOwnedBy(requestId, UUID.randomUUID())).isFalse();
        assertThat(ids.isOwnedBy(UUID.randomUUID(), shopper)).isFalse();
        RequestIds otherSecret = new RequestIds("another secret, also 32 bytes!!!".getBytes(StandardCharsets.US_ASCII));
        assertThat(otherSecret.isOwnedBy(requestId, shopper)).isFalse();
    }

    @Test
    void freshIdsAreNewEachTimeAndStillSignedForTheirOwner() {
        UUID first = ids.fresh(shopper);
        UUID second = ids.fresh(shopper);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.version()).isEqualTo(8);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(ids.isOwnedBy(first, shopper)).isTrue();
        assertThat(ids.isOwnedBy(first, UUID.randomUUID())).isFalse();
    }
}
