package com.flashsale.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClockAutoConfigurationTest {

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ClockAutoConfiguration.class));

    @Test
    void givesAServiceWithoutAClockTheSystemClockInUtc() {
        contexts.run(context -> {
            assertThat(context).hasSingleBean(Clock.class);
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
        });
    }

    @Test
    void leavesTheClockToATestThatDeclaresItsOwn() {
        contexts.withUserConfiguration(FixedClock.class).run(context -> {
            assertThat(context).hasSingleBean(Clock.class);
            assertThat(context.getBean(Clock.class).instant()).isEqualTo(FixedClock.AT);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class FixedClock {
        static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

        @Bean
        Clock fixedClock() {
            return Clock.fixed(AT, ZoneOffset.UTC);
        }
    }
}
