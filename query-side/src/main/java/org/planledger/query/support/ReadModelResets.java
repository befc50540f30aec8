package org.planledger.query.support;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model whichever query side is asked. Axon resets a processor's tokens only when this instance can
 * claim every segment, and with several instances a segment is usually claimed by another. Then the request is
 * recorded in {@code read_model_reset}; every instance looks for requests at each generation check, and the one
 * holding the processor's claims stops its processor (which releases them), resets the tokens and records who did in
 * the same transaction. The instance that was asked keeps its own processor stopped meanwhile, so that nothing takes
 * the released claims, and answers with the outcome: done, or {@code READ_MODEL_BUSY} naming the claim holders when
 * none carried it out within the hand-over time.
 */
@Component
class ReadModelResets {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelResets.class);
    /** This instance as the token store names claim owners (Axon's default node id). */
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();
    /** How often the instance that was asked looks whether the holder has carried the reset out. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final TokenSchema tokens;
    private final Duration handover;

    ReadModelResets(JdbcTemplate jdbc, TransactionTemplate transactions,
            ObjectProvider<EventProcessingConfiguration> processing, TokenSchema tokens,
            @Value("${planledger.reset-handover:15s}") Duration handover) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.processing = processing;
        this.tokens = tokens;
        this.handover = handover;
    }

    /**
     * Resets the read model of a processing group: here if this instance can claim all its segments, else by the
     * instance holding them.
     *
     * @return the instance (pid@host) that reset it
     * @throws LedgerException INVALID_FIELD for an unknown name; READ_MODEL_BUSY when no instance carried it out
     */
    String reset(String name) {
        StreamingEventProcessor processor = processor(name).orElseThrow(() -> new LedgerException(
                ErrorCode.INVALID_FIELD, "name", "processor-exists", "no event processor " + name));
        processor.shutDown();
        try {
            if (resetHere(processor)) {
                LOG.info("{}: tokens reset here", name);
                return NODE;
            }
            String by = handOver(name);
            LOG.info("{}: tokens reset by {}, which held the claim", name, by);
            return by;
        } finally {
            processor.start();
        }
    }

    private static boolean resetHere(StreamingEventProcessor processor) {
        try {
            processor.resetTokens();
            return true;
        } catch (UnableToClaimTokenException claimedElsewhere) {
            return false;
        }
    }

    private String handOver(String name) {
        UUID request = UUID.randomUUID();
        // requests older than the hand-over time were given up by their instance (answered, or killed while waiting)
        jdbc.update("delete from read_model_reset where requested_at < now() - make_interval(secs => ?)",
                2.0 * handover.toSeconds());
        jdbc.update("insert into read_model_reset (request_id, processing_group, requested_by) values (?, ?, ?)",
                request, name, NODE);
        Instant deadline = Instant.now().plus(handover);
        while (Instant.now().isBefore(deadline)) {
            List<String> by = jdbc.queryForList(
                    "select reset_by from read_model_reset where request_id = ? and reset_by is not null", String.class,
                    request);
            if (!by.isEmpty()) {
                jdbc.update("delete from read_model_reset where request_id = ?", request);
                return by.get(0);
            }
            try {
                Thread.sleep(LOOK_AGAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // withdrawn; a holder in the middle of carrying it out has the row locked, and this waits for its outcome
        List<String> by = jdbc.queryForList("delete from read_model_reset where request_id = ? returning reset_by",
                String.class, request);
        if (!by.isEmpty() && by.get(0) != null) {
            return by.get(0);
        }
        throw busy(name);
    }

    private LedgerException busy(String name) {
        String holders = jdbc.queryForList("select " + tokens.ownerColumn() + " || ' (segment ' || "
                + tokens.segmentColumn() + " || ')' from " + tokens.tokenTable() + " where " + tokens.processorNameColumn()
                + " = ? and " + tokens.ownerColumn() + " is not null order by " + tokens.segmentColumn(), String.class, name)
                .stream().collect(Collectors.joining(", "));
        return new LedgerException(ErrorCode.READ_MODEL_BUSY, "name", "claim-holder-resets",
                "the read model " + name + " is processed by " + (holders.isEmpty() ? "no instance" : holders)
                        + ", which did not carry out the reset within " + handover.toSeconds() + " s; try again");
    }

    /** Carries out the requests other instances recorded for read models whose claims this instance holds. */
    @Scheduled(fixedDelayString = "${planledger.generation-check:500ms}")
    void carryOutRequests() {
        List<String> groups = jdbc.queryForList("""
                select distinct processing_group from read_model_reset
                where reset_by is null and requested_by <> ? and requested_at > now() - make_interval(secs => ?)""",
                String.class, NODE, (double) handover.toSeconds());
        for (String group : groups) {
            processor(group).filter(StreamingEventProcessor::isRunning)
                    .filter(processor -> !processor.processingStatus().isEmpty())
                    .ifPresent(processor -> carryOut(group, processor));
        }
    }

    private void carryOut(String group, StreamingEventProcessor processor) {
        processor.shutDown();
        try {
            transactions.executeWithoutResult(tx -> {
                String pending = """
                        from read_model_reset where processing_group = ? and reset_by is null
                        and requested_at > now() - make_interval(secs => ?)""";
                double seconds = handover.toSeconds();
                if (jdbc.queryForList("select request_id " + pending + " for update skip locked", UUID.class, group,
                        seconds).isEmpty()) {
                    return;
                }
                processor.resetTokens();
                jdbc.update("update read_model_reset set reset_by = ?, reset_at = now() where request_id in (select"
                        + " request_id " + pending + ")", NODE, group, seconds);
                LOG.info("{}: tokens reset here, as another instance asked", group);
            });
        } catch (UnableToClaimTokenException stillClaimed) {
            LOG.info("{}: another instance still claims a segment; the reset it asked for waits", group);
        } finally {
            processor.start();
        }
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        EventProcessingConfiguration config = processing.getIfAvailable();
        return config == null ? Optional.empty() : config.eventProcessor(name, StreamingEventProcessor.class);
    }
}
