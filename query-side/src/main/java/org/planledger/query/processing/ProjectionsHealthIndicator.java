package org.planledger.query.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.planledger.query.processing.ProcessorFailures.Failure;
import org.planledger.query.processing.ProcessorPositions.Processor;
import org.planledger.query.processing.ProcessorPositions.Segment;
import org.planledger.query.support.ProjectionGenerations;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code projections}: DOWN while a processor is stuck on an event (naming the processor, the
 * event's global position, stored type, aggregate and the error), OUT_OF_SERVICE while a processor is not running,
 * else UP; always with each processor's segments, their positions and how far they are behind (stored events not
 * handled yet, and for how many seconds the oldest of them has waited), and whether its read model is being rebuilt.
 */
@Component
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProcessorPositions positions;
    private final ProcessorFailures failures;
    private final ProjectionGenerations generations;

    ProjectionsHealthIndicator(ProcessorPositions positions, ProcessorFailures failures,
            ProjectionGenerations generations) {
        super("the read models' processors could not be checked");
        this.positions = positions;
        this.failures = failures;
        this.generations = generations;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Status status = Status.UP;
        long head = positions.head();
        Map<String, Object> processors = new LinkedHashMap<>();
        for (Processor processor : positions.processors()) {
            Map<String, EventTrackerStatus> local = new LinkedHashMap<>();
            positions.localStatus(processor.name()).forEach((segment, s) -> local.put(String.valueOf(segment), s));
            List<Map<String, Object>> stuck = new ArrayList<>();
            for (Failure failure : failures.of(processor.name())) {
                stuck.add(describe(failure));
            }
            for (EventTrackerStatus s : local.values()) {
                // an error outside the handlers (reading the stream, storing the token): Axon's own record of it
                if (s.isErrorState() && stuck.stream().noneMatch(f -> f.get("segment").equals(s.getSegment().getSegmentId()))) {
                    Map<String, Object> failure = new LinkedHashMap<>();
                    failure.put("segment", s.getSegment().getSegmentId());
                    failure.put("tokenPosition", s.getCurrentPosition().isPresent() ? s.getCurrentPosition().getAsLong() : null);
                    failure.put("error", ProcessorFailures.describe(s.getError()));
                    stuck.add(failure);
                }
            }
            List<Map<String, Object>> segments = new ArrayList<>();
            for (Segment segment : processor.segments()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("segment", segment.segment());
                s.put("position", segment.position());
                ProcessorPositions.Lag lag = positions.lag(segment);
                s.put("behind", lag.events());
                s.put("behindSeconds", lag.seconds());
                s.put("replaying", segment.replaying());
                EventTrackerStatus here = local.get(String.valueOf(segment.segment()));
                s.put("claimedHere", here != null);
                if (here != null) {
                    s.put("caughtUp", here.isCaughtUp());
                }
                segments.add(s);
            }
            String state;
            if (!stuck.isEmpty()) {
                state = "FAILING";
                status = Status.DOWN;
            } else if (!processor.running()) {
                state = "STOPPED";
                if (status.equals(Status.UP)) {
                    status = Status.OUT_OF_SERVICE;
                }
            } else {
                state = "RUNNING";
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", state);
            // a reset's replay, or a first build on a stored ledger: its reads answer 503 READ_MODEL_REBUILDING meanwhile
            details.put("rebuilding", generations.rebuilding(processor.name()));
            if (!stuck.isEmpty()) {
                details.put("failures", stuck);
            }
            details.put("segments", segments);
            processors.put(processor.name(), details);
        }
        health.status(status).withDetail("eventStoreHead", head).withDetail("processors", processors);
    }

    private Map<String, Object> describe(Failure failure) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("segment", failure.segment());
        f.put("position", positions.globalIndexOf(failure));
        f.put("eventType", failure.eventType());
        f.put("aggregateIdentifier", failure.aggregateIdentifier());
        f.put("sequenceNumber", failure.sequenceNumber());
        f.put("error", failure.error());
        f.put("firstSeen", failure.firstSeen().toString());
        f.put("lastSeen", failure.lastSeen().toString());
        f.put("retries", failure.retries());
        return f;
    }
}
