package com.flashsale.devstack.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.devstack.StackException;
import com.flashsale.devstack.settings.StackSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindTest {

    @TempDir
    Path root;

    private StackSettings settings(String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("FLASHSALE_HOME", root.resolve("home").toString());
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return StackSettings.load(root, env);
    }

    @Test
    void theStagesBehindTheQueueYieldTheCpuToTheEdgeByDefault() {
        StackSettings settings = settings();
        assertThat(Kind.EDGE.niceness(settings)).isZero();
        assertThat(Kind.KAFKA.niceness(settings)).isZero();
        assertThat(Kind.POSTGRES.niceness(settings)).isZero();
        assertThat(Kind.ORDERS.niceness(settings)).isEqualTo(5);
        assertThat(Kind.CATALOG.niceness(settings)).isEqualTo(5);
    }

    @Test
    void aPriorityIsSetPerServiceAndOnlyFrom0To19() {
        StackSettings settings = settings("FLASHSALE_ORDERS_NICE", "0", "FLASHSALE_CATALOG_NICE", "19");
        assertThat(Kind.ORDERS.niceness(settings)).isZero();
        assertThat(Kind.CATALOG.niceness(settings)).isEqualTo(19);

        assertThatThrownBy(() -> Kind.ORDERS.niceness(settings("FLASHSALE_ORDERS_NICE", "-5")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("FLASHSALE_ORDERS_NICE must be a number from 0 to 19: -5");
        assertThatThrownBy(() -> Kind.CATALOG.niceness(settings("FLASHSALE_CATALOG_NICE", "low")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("FLASHSALE_CATALOG_NICE");
    }
}
