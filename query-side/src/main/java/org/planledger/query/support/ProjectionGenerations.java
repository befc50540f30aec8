package org.planledger.query.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
 */
@Component
@EnableScheduling
public class ProjectionGenerations {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionGenerations.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Map<String, List<String>> tables = new ConcurrentHashMap<>();
    /** Replaced generations whose rows are dropped once no query that began before the switch can still read them. */
    private final Map<String, Replaced> replaced = new ConcurrentHashMap<>();

    private record Replaced(int generation, java.time.Instant at) {
    }

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

    /** The generation queries read. */
    public int live(String processingGroup) {
        return read(processingGroup, "live");
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

    /** Called from a reset handler: the replay that follows writes a fresh generation; queries keep the live one. */
    public int startRebuild(String processingGroup) {
        jdbc.update("update projection_generation set building = live + 1 where processing_group = ?", processingGroup);
        int building = building(processingGroup);
        int live = live(processingGroup);
        for (String table : tablesOf(processingGroup)) {
            // the generation about to be written, and any replaced one a stop kept from being dropped
            jdbc.update("delete from " + table + " where generation <> ?", live);
        }
        LOG.info("rebuilding {} into generation {}", processingGroup, building);
        return building;
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
        if (old != null) {
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
