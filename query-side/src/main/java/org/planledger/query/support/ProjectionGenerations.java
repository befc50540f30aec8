package org.planledger.query.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lets a read model be rebuilt while the service keeps answering. Every row of a generational read model carries the
 * generation it belongs to ({@code projection_generation}: {@code live} is read by queries, {@code building} is
 * written by the projection; normally the same). A reset (replay) moves {@code building} to the next generation: the
 * replay fills it from the first event on while queries keep reading the old, live rows. Once the processor has
 * replayed past the position of the reset and caught up with the event store, the new generation goes live in one
 * statement; the old rows are deleted a few seconds later, so that a query which read the live generation just before
 * the switch still finds its rows.
 *
 * <p>A read model can also be built for the first time on a store that already holds events: a query side started
 * on an existing ledger, or a processor whose tokens a migration deleted. There is no earlier generation to answer
 * from, so {@code live} is 0 (no generation) until the first build has caught up, and every query of that read model
 * answers 503 {@code READ_MODEL_REBUILDING} meanwhile instead of a history or an audit trail with changes missing.
 */
@Component
@EnableScheduling
public class ProjectionGenerations implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionGenerations.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Map<String, List<String>> tables = new ConcurrentHashMap<>();
    private final Map<String, List<String>> inPlace = new ConcurrentHashMap<>();
    /** Replaced generations whose rows are dropped once no query that began before the switch can still read them. */
    private final Map<String, Replaced> replaced = new ConcurrentHashMap<>();

    private record Replaced(int generation, java.time.Instant at) {
    }

    /** {@code live} of a read model that has no complete generation yet (its first build is under way). */
    static final int NONE = 0;

    /** How long a replaced generation's rows stay for queries that read the live generation just before the switch. */
    private static final java.time.Duration DROP_AFTER = java.time.Duration.ofSeconds(5);

    ProjectionGenerations(JdbcTemplate jdbc, TransactionTemplate transactions,
            ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.processing = processing;
    }

    /** Declares the tables of a processing group's read model, each with an integer {@code generation} column. */
    public void register(String processingGroup, List<String> tableNames) {
        tables.put(processingGroup, List.copyOf(tableNames));
    }

    /**
     * Declares a read model rebuilt in place: its tables have no generation column and are emptied for a replay; the
     * group's generation only says whether a rebuild is under way (its reads check {@link #rebuilding}).
     */
    public void registerInPlace(String processingGroup, List<String> tableNames) {
        tables.put(processingGroup, List.of());
        inPlace.put(processingGroup, List.copyOf(tableNames));
    }

    /**
     * The generation queries read; refuses (503 {@code READ_MODEL_REBUILDING}, field the processing group) while the
     * read model is being built for the first time and has no complete generation yet.
     */
    public int live(String processingGroup) {
        int live = read(processingGroup, "live");
        if (live == NONE) {
            throw new LedgerException(ErrorCode.READ_MODEL_REBUILDING, processingGroup, "read-model-complete",
                    "the " + processingGroup + " read model is being built from the event store for the first time and "
                            + "is incomplete until its replay has caught up; ask again in a few seconds");
        }
        return live;
    }

    /** The generation the projection writes. */
    public int building(String processingGroup) {
        return read(processingGroup, "building");
    }

    /**
     * The generation the projection writes, read once per batch of events (the root unit of work) rather than once
     * per event: it changes only at a reset, while the processor is stopped.
     */
    public int buildingInBatch(String processingGroup) {
        if (!CurrentUnitOfWork.isStarted()) {
            return building(processingGroup);
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource("generation:" + processingGroup,
                key -> building(processingGroup));
    }

    /**
     * Called from a reset handler: the replay that follows writes a fresh generation while queries keep the live one;
     * a read model rebuilt in place has its tables emptied.
     */
    public int startRebuild(String processingGroup) {
        jdbc.update("update projection_generation set building = live + 1 where processing_group = ?", processingGroup);
        int building = building(processingGroup);
        int live = read(processingGroup, "live");
        for (String table : tablesOf(processingGroup)) {
            // the generation about to be written, and any replaced one a stop kept from being dropped
            jdbc.update("delete from " + table + " where generation <> ?", live);
        }
        emptyInPlace(processingGroup);
        LOG.info("rebuilding {} into generation {}", processingGroup, building);
        return building;
    }

    private void emptyInPlace(String processingGroup) {
        List<String> emptied = inPlace.getOrDefault(processingGroup, List.of());
        if (!emptied.isEmpty()) {
            jdbc.execute("truncate " + String.join(", ", emptied));
        }
    }

    /**
     * Before the processors start: a processor without a token replays from the first event, so on a store that
     * already holds events its read model is built now and is incomplete until caught up. Marked as a build with no
     * live generation (queries answer 503 until the generation check puts it live); rows a deleted token left behind
     * are dropped, as a reset would. Several instances starting at once mark it once ({@code live <> 0}).
     */
    @Override
    public void afterSingletonsInstantiated() {
        boolean stored = Boolean.TRUE.equals(
                jdbc.queryForObject("select exists (select 1 from domain_event_entry)", Boolean.class));
        for (String group : tables.keySet()) {
            boolean tokened = Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from token_entry where processor_name = ?)", Boolean.class, group));
            if (!stored || tokened) {
                continue;
            }
            // one transaction: a start that dies half-way leaves the mark and the emptied tables, or neither
            Integer building = transactions.execute(tx -> {
                int marked = jdbc.update("""
                        update projection_generation set live = ?, building = greatest(live, building) + 1
                        where processing_group = ? and live <> ?""", NONE, group, NONE);
                if (marked == 0) {
                    return null;
                }
                int generation = building(group);
                for (String table : tablesOf(group)) {
                    jdbc.update("delete from " + table + " where generation <> ?", generation);
                }
                emptyInPlace(group);
                return generation;
            });
            if (building != null) {
                LOG.info("{} has no token on a store that holds events: building it from the first event into "
                        + "generation {}; its queries answer 503 until it has caught up", group, building);
            }
        }
    }

    /** True while a rebuild of the group is running (its new generation is not live yet). */
    public boolean rebuilding(String processingGroup) {
        Boolean rebuilding = jdbc.queryForObject(
                "select live <> building from projection_generation where processing_group = ?", Boolean.class,
                processingGroup);
        if (rebuilding == null) {
            throw new IllegalStateException("no generation row for processing group " + processingGroup);
        }
        return rebuilding;
    }

    /** Puts a rebuilt generation live once its processor has replayed and caught up; then drops the old rows. */
    @Scheduled(fixedDelayString = "${planledger.generation-check:500ms}")
    public void switchRebuiltGenerations() {
        for (String group : tables.keySet()) {
            if (rebuilding(group) && caughtUp(group)) {
                switchLive(group);
            }
            Replaced old = replaced.get(group);
            if (old != null && old.at().plus(DROP_AFTER).isBefore(java.time.Instant.now())) {
                LOG.info("{}: dropping replaced generation {}", group, old.generation());
                for (String table : tablesOf(group)) {
                    jdbc.update("delete from " + table + " where generation = ?", old.generation());
                }
                replaced.remove(group, old);
            }
        }
    }

    private boolean caughtUp(String group) {
        EventProcessingConfiguration config = processing.getIfAvailable();
        if (config == null) {
            return false;
        }
        return config.eventProcessor(group, StreamingEventProcessor.class)
                .filter(StreamingEventProcessor::isRunning)
                .map(StreamingEventProcessor::processingStatus)
                .filter(status -> !status.isEmpty())
                .map(status -> status.values().stream().allMatch(ProjectionGenerations::caughtUp))
                .orElse(false);
    }

    /**
     * Whether a segment has handled every event there was at its reset and has reached the head of the stream. (Its
     * token stays a replay token until an event after the reset position arrives, so "replaying" alone would keep a
     * rebuild waiting for the next event.)
     */
    public static boolean caughtUp(EventTrackerStatus status) {
        if (status.isErrorState() || !status.isCaughtUp()) {
            return false;
        }
        if (!status.isReplaying()) {
            return true;
        }
        long current = status.getCurrentPosition().orElse(-1);
        return status.getResetPosition().isPresent() && current >= status.getResetPosition().getAsLong();
    }

    private void switchLive(String group) {
        Integer old = transactions.execute(tx -> {
            Integer previous = jdbc.queryForObject(
                    "select live from projection_generation where processing_group = ? for update", Integer.class, group);
            int switched = jdbc.update(
                    "update projection_generation set live = building where processing_group = ? and live <> building", group);
            return switched == 1 ? previous : null;
        });
        if (old != null && old == NONE) {
            LOG.info("{}: built for the first time; its generation is live", group);
        } else if (old != null) {
            LOG.info("{}: rebuilt generation is live; generation {} is dropped in {}", group, old, DROP_AFTER);
            replaced.put(group, new Replaced(old, java.time.Instant.now()));
        }
    }

    private List<String> tablesOf(String group) {
        return tables.getOrDefault(group, List.of());
    }

    private int read(String group, String column) {
        Integer value = jdbc.queryForObject(
                "select " + column + " from projection_generation where processing_group = ?", Integer.class, group);
        if (value == null) {
            throw new IllegalStateException("no generation row for processing group " + group);
        }
        return value;
    }

    /** For tests and the admin API: whether the processor of a group reports a replay in progress. */
    public boolean replaying(String processingGroup) {
        EventProcessingConfiguration config = processing.getIfAvailable();
        return config != null && config.eventProcessor(processingGroup, StreamingEventProcessor.class)
                .map(p -> p.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying))
                .orElse(false);
    }
}
