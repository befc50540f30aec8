package org.planledger.command.support;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The aggregates of one type kept in memory between commands, so that a command does not re-create its aggregate and
 * replay its events (Axon's caching repository, {@code @Aggregate(cache = …)}). At most {@code maxEntries}, the least
 * used dropped first.
 *
 * <p>A kept aggregate decides only while it is at the event store's head: every {@link #get} asks the store for the
 * aggregate's last sequence number (one indexed query, in the command's own transaction) and drops the entry when it
 * differs, so the aggregate is loaded from the store instead. That covers events another command side appended, and a
 * command whose enclosing transaction (an {@code Idempotency-Key} receipt) rolled back after its unit of work. An
 * append racing the check still meets the event table's unique key (aggregate, sequence) and is refused as without a
 * cache (409, or 412 with {@code If-Match}); Axon drops the entry when the unit of work rolls back.
 */
final class AggregateCache implements Cache {

    /** The version (last sequence number) Axon's cache entry holds; it has no accessor. */
    private static final Field VERSION;

    static {
        try {
            VERSION = AggregateCacheEntry.class.getDeclaredField("version");
            VERSION.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no field version any more", e);
        }
    }

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;
    private final EventStore eventStore;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder stale = new LongAdder();

    AggregateCache(EventStore eventStore, long maxEntries) {
        this.eventStore = eventStore;
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        listeners.forEach(listener -> listener.onEntryExpired(key));
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.getIfPresent(key);
        if (value == null) {
            return null;
        }
        if (value instanceof AggregateCacheEntry<?> entry && !atHead(key, entry)) {
            stale.increment();
            remove(key);
            return null;
        }
        listeners.forEach(listener -> listener.onEntryRead(key, value));
        return (V) value;
    }

    private boolean atHead(Object key, AggregateCacheEntry<?> entry) {
        Long cached;
        try {
            cached = (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return Objects.equals(cached, eventStore.lastSequenceNumberFor(key.toString()).orElse(null));
    }

    /** How many kept aggregates were found behind the event store and dropped. */
    long staleEntriesDropped() {
        return stale.sum();
    }

    @Override
    public void put(Object key, Object value) {
        boolean updated = entries.asMap().put(key, value) != null;
        listeners.forEach(listener -> {
            if (updated) {
                listener.onEntryUpdated(key, value);
            } else {
                listener.onEntryCreated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = entries.asMap().putIfAbsent(key, value) == null;
        if (added) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.asMap().remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.asMap().keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
