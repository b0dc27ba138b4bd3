package com.flashsale.edge.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendWindowTest {

    @Test
    void givesAsManyPlacesAsItHoldsAndTakesOneBackWhenASendEnds() {
        SendWindow window = new SendWindow(2);
        var first = window.enter();
        var second = window.enter();

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(window.enter()).isEmpty();
        assertThat(window.waiting()).isEqualTo(2);

        first.orElseThrow().close();
        assertThat(window.enter()).isPresent();
        assertThat(window.waiting()).isEqualTo(2);
    }
}
