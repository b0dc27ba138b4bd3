package com.flashsale.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.flashsale.devstack.command.Burst;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code ./flashsale burst} through the launcher, as a user runs it against the running stack: a
 * small Gatling burst that ends with the verdict on every invariant; its exit code is that verdict
 * (0 only when all six hold).
 */
@Order(7)
class LauncherBurstSystemTest {

    private final Platform platform = new Platform();

    @Test
    void theBurstCommandRunsAGatlingBurstAndEveryInvariantHolds() {
        int exit = new Burst(platform.stack())
                .run(List.of("--users", "300", "--requests", "1500", "--stock", "40", "--concurrency", "32"));

        assertThat(exit).as("burst's exit code (0: every invariant HOLDS)").isZero();
    }
}
