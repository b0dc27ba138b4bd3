package com.flashsale.load.burst;

import com.flashsale.load.BurstTimeline;
import com.flashsale.load.InvariantVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What one burst did and found: the answers, the verdict on every invariant, the timings. */
public record BurstResult(
        UUID saleId,
        int users,
        int requests,
        int stock,
        int concurrency,
        long sent,
        long accepted,
        Map<String, Long> refusals,
        long unavailable,
        long unknownIds,
        Map<Integer, Long> otherStatuses,
        long transportErrors,
        Instant firstRequest,
        Instant lastAnswer,
        boolean allDecided,
        double settleSeconds,
        List<InvariantVerdict.Check> checks,
        BurstTimeline timeline) {

    public boolean holds() {
        return !checks.isEmpty() && checks.stream().allMatch(InvariantVerdict.Check::holds);
    }

    /** Seconds from the first request to the last answer of the edge. */
    public double answeringSeconds() {
        return BurstTimeline.secondsBetween(firstRequest, lastAnswer);
    }

    /** Seconds from the first request to the last final outcome (decided_at). */
    public double lastOutcomeSeconds() {
        return BurstTimeline.secondsBetween(firstRequest, timeline == null ? null : timeline.lastDecided());
    }

    /** Seconds from the first request to the confirmation of the last unit of stock (the stock-th). */
    public double lastUnitSeconds() {
        return BurstTimeline.secondsBetween(firstRequest, timeline == null ? null : timeline.nthConfirmed());
    }

    public long refused() {
        return refusals.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The summary, one fact a line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("verdict (read from the database):");
        checks.forEach(check -> lines.add("  " + check));
        lines.add(String.format(
                "answers: %,d sent; 202 %,d; 409 %,d %s; 503 %,d (%,d request ids); other %s; errors %,d",
                sent, accepted, refused(), refusals, unavailable, unknownIds, otherStatuses, transportErrors));
        lines.add(String.format(
                "timing from the first request: last answer of the edge %.1f s; last final outcome %.1f s;"
                        + " %,dth confirmation %s",
                answeringSeconds(),
                lastOutcomeSeconds(),
                stock,
                Double.isNaN(lastUnitSeconds())
                        ? "never (" + (timeline == null ? 0 : timeline.confirmed()) + " confirmed)"
                        : String.format("%.1f s", lastUnitSeconds())));
        lines.add(String.format(
                "outcomes: %,d decided for the sale, %,d confirmed; every 202 decided: %s (waited %.1f s after the"
                        + " burst)",
                timeline == null ? 0 : timeline.outcomes(),
                timeline == null ? 0 : timeline.confirmed(),
                allDecided ? "yes" : "NO",
                settleSeconds));
        return lines;
    }
}
