package com.flashsale.edge.purchase;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of a shopper's history over its two sources: the requests still queued at this edge
 * (open, so listed first, newest first), then the decided ones stored by order-processor (newest
 * first). Says which queued requests the page shows and which stored rows it still needs.
 */
public record HistoryWindow(List<PurchaseEntry> queued, long storedOffset, int storedLimit) {

    /** The window of page {@code page} (from 0) of {@code size} entries, over queued requests not yet stored. */
    public static HistoryWindow of(List<PurchaseEntry> queued, int page, int size) {
        List<PurchaseEntry> open =
                queued.stream().sorted(PurchaseEntry.NEWEST_FIRST).toList();
        long from = (long) page * size;
        if (from >= open.size()) {
            return new HistoryWindow(List.of(), from - open.size(), size);
        }
        List<PurchaseEntry> shown = open.subList((int) from, (int) Math.min(open.size(), from + size));
        return new HistoryWindow(List.copyOf(shown), 0, size - shown.size());
    }

    /** The page: its queued requests, then the stored rows read for it. */
    public List<PurchaseEntry> page(List<PurchaseEntry> stored) {
        List<PurchaseEntry> entries = new ArrayList<>(queued.size() + stored.size());
        entries.addAll(queued);
        entries.addAll(stored);
        return entries;
    }
}
