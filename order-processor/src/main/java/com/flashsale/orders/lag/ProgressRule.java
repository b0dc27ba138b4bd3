package com.flashsale.orders.lag;

import java.util.List;

/**
 * The status of a partition from its recent samples, without fixed thresholds (Burrow's way): only
 * a full window is judged, and only by how the offsets moved within it.
 */
public final class ProgressRule {

    private ProgressRule() {}

    /** The status of a window of samples, oldest first; {@code size} is how many a full window holds. */
    public static PartitionStatus judge(List<LagSample> window, int size) {
        if (window.size() < Math.max(2, size)) {
            return PartitionStatus.OK;
        }
        LagSample first = window.get(0);
        LagSample last = window.get(window.size() - 1);
        boolean waitingThroughout = window.stream().allMatch(s -> s.lag() > 0);
        boolean appliedUnchanged = window.stream().allMatch(s -> s.appliedOffset() == first.appliedOffset());
        if (waitingThroughout && appliedUnchanged) {
            return last.owned() ? PartitionStatus.STALLED : PartitionStatus.STOPPED;
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).lag() <= window.get(i - 1).lag()) {
                return PartitionStatus.OK;
            }
        }
        return PartitionStatus.LAGGING;
    }
}
