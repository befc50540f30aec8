package org.planledger.query.processing;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.planledger.shared.eventstore.EventCatalogue;
import org.springframework.stereotype.Component;

/**
 * The event each processor segment is stuck on. Every processor propagates a handler's error, so the batch rolls back
 * and Axon retries it with back-off; this remembers which event failed (and how often), until the processor has
 * committed past its position.
 */
@Component
public class ProcessorFailures {

    private static final int MAX_ERROR_LENGTH = 300;
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

    private final Clock clock;
    private final Map<Key, Failure> failures = new ConcurrentHashMap<>();

    ProcessorFailures(Clock clock) {
        this.clock = clock;
    }

    private record Key(String processor, int segment) {
    }

    /**
     * An event a processor segment cannot handle.
     *
     * @param tokenPosition      the position of the event's tracking token (the highest global index seen with it)
     * @param eventIdentifier    the stored event's identifier (its own global index is looked up from it)
     * @param eventType          the stored name of its type ({@code EventCatalogue})
     * @param aggregateIdentifier the aggregate it belongs to, null for an event outside an aggregate
     * @param sequenceNumber     its sequence number within the aggregate
     * @param error              what went wrong, said without SQL statements or class names
     * @param firstSeen          when this event first failed
     * @param retries            how often it failed again since
     */
    public record Failure(String processor, int segment, Long tokenPosition, String eventIdentifier, String eventType,
            String aggregateIdentifier, Long sequenceNumber, String error, Instant firstSeen, Instant lastSeen,
            int retries) {
    }

    /** Records that the event failed on this processor segment (again, if it is the one already recorded). */
    void failed(String processor, int segment, EventMessage<?> event, Throwable error) {
        Instant now = clock.instant();
        Failure seen = new Failure(processor, segment, tokenPosition(event), event.getIdentifier(), typeOf(event),
                event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : null,
                event instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : null,
                describe(error), now, now, 0);
        failures.merge(new Key(processor, segment), seen, (old, fresh) -> old.eventIdentifier().equals(fresh.eventIdentifier())
                ? new Failure(old.processor(), old.segment(), old.tokenPosition(), old.eventIdentifier(), old.eventType(),
                        old.aggregateIdentifier(), old.sequenceNumber(), fresh.error(), old.firstSeen(), now,
                        old.retries() + 1)
                : fresh);
    }

    /** The segment committed an event at this token position: a failure at or below it is over. */
    void passed(String processor, int segment, EventMessage<?> event) {
        Long position = tokenPosition(event);
        failures.computeIfPresent(new Key(processor, segment), (key, failure) ->
                failure.eventIdentifier().equals(event.getIdentifier())
                        || (position != null && failure.tokenPosition() != null && position >= failure.tokenPosition())
                        ? null : failure);
    }

    /** Every failure now standing, by processor and segment. */
    public List<Failure> current() {
        return failures.values().stream()
                .sorted(Comparator.comparing(Failure::processor).thenComparing(Failure::segment))
                .toList();
    }

    public List<Failure> of(String processor) {
        return current().stream().filter(f -> f.processor().equals(processor)).toList();
    }

    private static Long tokenPosition(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked) {
            TrackingToken token = tracked.trackingToken();
            if (token != null && token.position().isPresent()) {
                return token.position().getAsLong();
            }
        }
        return null;
    }

    private static String typeOf(EventMessage<?> event) {
        return EventCatalogue.nameOf(event.getPayloadType()).orElse(event.getPayloadType().getSimpleName());
    }

    /**
     * The database's own words when the database refused (first line, without the statement), else the innermost
     * message; never the SQL text, a stack trace or an exception's class name. Shortened to 300 characters.
     */
    static String describe(Throwable error) {
        Throwable innermost = error;
        SQLException sql = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            innermost = t;
            if (t instanceof SQLException e && sql == null) {
                sql = e;
            }
        }
        String text;
        if (sql != null) {
            text = firstLine(sql.getMessage()).replaceFirst("^(ERROR|FATAL):\\s*", "");
            if (sql.getSQLState() != null) {
                text += " (SQL state " + sql.getSQLState() + ")";
            }
        } else {
            text = firstLine(innermost.getMessage());
        }
        // a qualified class name (org.example.Thing) is shortened to its simple name
        text = QUALIFIED_NAME.matcher(text).replaceAll("$1");
        if (text.isBlank()) {
            text = "the handler failed without a message";
        }
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
