package com.flashsale.edge.sale;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * How many shoppers had a sale's page open lately, at this edge: each open page sends its browser's
 * random viewer id with its reads of the sale, and a viewer counts for {@link #WINDOW} after its last
 * read. Counted at most once a second per sale, so a crowd of readers costs a map write each.
 */
public final class SaleWatchers {

    /** A viewer counts this long after its last read. */
    public static final Duration WINDOW = Duration.ofSeconds(30);

    /** What a viewer id looks like: 8 to 64 letters, digits or '-'. */
    public static final Pattern VIEWER_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");

    // Beyond this many distinct viewers of one sale, new ids are not remembered: memory stays bounded
    // whatever a client invents, and the count saturates instead.
    private static final int MAX_VIEWERS_PER_SALE = 200_000;
    private static final long RECOUNT_MILLIS = 1_000;

    private final ConcurrentHashMap<UUID, Room> rooms = new ConcurrentHashMap<>();

    /** The viewer {@code viewerId} has the page of sale {@code saleId} open at {@code now}. */
    public void seen(UUID saleId, String viewerId, Instant now) {
        Room room = rooms.computeIfAbsent(saleId, id -> new Room());
        long at = now.toEpochMilli();
        if (room.lastSeen.size() >= MAX_VIEWERS_PER_SALE && !room.lastSeen.containsKey(viewerId)) {
            room.recount(at, true);
            if (room.lastSeen.size() >= MAX_VIEWERS_PER_SALE) {
                return;
            }
        }
        room.lastSeen.merge(viewerId, at, Math::max);
    }

    /** Viewers of the sale seen within the last {@link #WINDOW} before {@code now}. */
    public int watching(UUID saleId, Instant now) {
        Room room = rooms.get(saleId);
        return room == null ? 0 : room.count(now.toEpochMilli());
    }

    /** Forgets a sale's viewers (the sale is gone). */
    public void forget(UUID saleId) {
        rooms.remove(saleId);
    }

    private static final class Room {
        final ConcurrentHashMap<String, Long> lastSeen = new ConcurrentHashMap<>();
        private volatile long countedAt = Long.MIN_VALUE;
        private volatile int count;

        int count(long now) {
            if (staleAt(now)) {
                recount(now, false);
            }
            return count;
        }

        private boolean staleAt(long now) {
            long last = countedAt;
            return last == Long.MIN_VALUE || now < last || now - last >= RECOUNT_MILLIS;
        }

        synchronized void recount(long now, boolean force) {
            if (!force && !staleAt(now)) {
                return; // another reader just counted
            }
            long since = now - WINDOW.toMillis();
            lastSeen.values().removeIf(at -> at <= since);
            int n = 0;
            for (long at : lastSeen.values()) {
                if (at <= now) {
                    n++;
                }
            }
            count = n;
            countedAt = now;
        }
    }
}
