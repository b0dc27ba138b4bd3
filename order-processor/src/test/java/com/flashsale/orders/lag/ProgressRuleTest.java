package com.flashsale.orders.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRuleTest {

    private static final int SIZE = 4;
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aWindowNotYetFullIsJudgedOkWhateverItHolds() {
        assertThat(ProgressRule.judge(List.of(), SIZE)).isEqualTo(PartitionStatus.OK);
        assertThat(ProgressRule.judge(window(true, new long[] {100, 100, 100}, new long[] {5, 5, 5}), SIZE))
                .isEqualTo(PartitionStatus.OK);
    }

    @Test
    void aPartitionCaughtUpIsOkEvenIfNothingMoved() {
        assertThat(ProgressRule.judge(window(true, new long[] {7, 7, 7, 7}, new long[] {7, 7, 7, 7}), SIZE))
                .isEqualTo(PartitionStatus.OK);
    }

    @Test
    void anOwnedPartitionWithRequestsWaitingAndNoProgressAcrossTheWindowIsStalled() {
        assertThat(ProgressRule.judge(window(true, new long[] {20, 20, 21, 25}, new long[] {9, 9, 9, 9}), SIZE))
                .isEqualTo(PartitionStatus.STALLED);
    }

    @Test
    void theSameWithoutAnOwnerIsStopped() {
        assertThat(ProgressRule.judge(window(false, new long[] {20, 20, 20, 20}, new long[] {9, 9, 9, 9}), SIZE))
                .isEqualTo(PartitionStatus.STOPPED);
    }

    @Test
    void oneStepOfProgressInTheWindowIsNotAStall() {
        assertThat(ProgressRule.judge(window(true, new long[] {20, 20, 20, 20}, new long[] {9, 9, 9, 10}), SIZE))
                .isEqualTo(PartitionStatus.OK);
    }

    @Test
    void aPartitionWaitingOnlySinceMidWindowIsLaggingNotStalled() {
        // Lag was zero in the first sample: it has not waited a whole window yet, but it falls behind.
        assertThat(ProgressRule.judge(window(true, new long[] {9, 12, 14, 15}, new long[] {9, 9, 9, 9}), SIZE))
                .isEqualTo(PartitionStatus.LAGGING);
    }

    @Test
    void aMovingPartitionWhoseLagGrewInEverySampleIsLagging() {
        assertThat(ProgressRule.judge(window(true, new long[] {10, 30, 60, 100}, new long[] {5, 10, 20, 30}), SIZE))
                .isEqualTo(PartitionStatus.LAGGING);
    }

    @Test
    void aLagThatStoppedGrowingOnceIsOk() {
        assertThat(ProgressRule.judge(window(true, new long[] {10, 30, 40, 100}, new long[] {5, 10, 35, 40}), SIZE))
                .isEqualTo(PartitionStatus.OK);
    }

    @Test
    void onlyTheLatestSamplesCountOnceTheWindowSlides() {
        ProgressWindow window = new ProgressWindow(SIZE);
        // Stalled for four samples, then moving again: the window forgets the stall.
        long[] applied = {9, 9, 9, 9, 12, 15, 18, 21};
        for (int i = 0; i < applied.length; i++) {
            window.add(new LagSample(T0.plusSeconds(i), 40, applied[i], true));
            if (i == SIZE - 1) {
                assertThat(window.status()).isEqualTo(PartitionStatus.STALLED);
            }
        }
        assertThat(window.status()).isEqualTo(PartitionStatus.OK);
        assertThat(window.samples()).hasSize(SIZE);
        // 12 -> 21 over 3 s, nothing arriving: 3 a second; the 19 left take 19/3 s.
        assertThat(window.applyRate()).isEqualTo(3.0);
        assertThat(window.drainSeconds()).isEqualTo(19 / 3.0);
    }

    @Test
    void aPartitionThatReceivesFasterThanItAppliesHasNoDrainEstimate() {
        ProgressWindow window = new ProgressWindow(SIZE);
        window.add(new LagSample(T0, 100, 10, true));
        window.add(new LagSample(T0.plusSeconds(1), 200, 20, true));
        assertThat(window.applyRate()).isEqualTo(10.0);
        assertThat(window.drainSeconds()).isNull();
    }

    private static List<LagSample> window(boolean owned, long[] ends, long[] applied) {
        List<LagSample> samples = new ArrayList<>();
        for (int i = 0; i < ends.length; i++) {
            samples.add(new LagSample(T0.plusSeconds(i), ends[i], applied[i], owned));
        }
        return samples;
    }
}
