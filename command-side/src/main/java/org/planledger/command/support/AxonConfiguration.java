package org.planledger.command.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.ZoneId;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.planledger.shared.eventstore.LedgerSerializer;
import org.planledger.shared.eventstore.LedgerUpcasters;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The few Axon settings properties cannot express: table names, stored event names, metadata propagation, the
 * aggregates kept between commands.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The bean names the aggregates name in {@code @Aggregate(cache = …)}. */
    public static final String ACTIVITY_CACHE = "activityCache";
    public static final String PLAN_CACHE = "planCache";

    /**
     * Activities kept in memory between commands, each checked against the event store's head before it decides
     * ({@link AggregateCache}).
     */
    @Bean(ACTIVITY_CACHE)
    Cache activityCache(EventStore eventStore, @Value("${planledger.aggregate-cache-size:5000}") long size) {
        return new AggregateCache(eventStore, size);
    }

    /** Plans kept likewise: a plan import registers each of its activities with the plan loaded from here. */
    @Bean(PLAN_CACHE)
    Cache planCache(EventStore eventStore, @Value("${planledger.aggregate-cache-size:5000}") long size) {
        return new AggregateCache(eventStore, size);
    }

    /**
     * The event table's unique key (aggregate, sequence) refusing an append, told by PostgreSQL's SQL state: Axon then
     * throws {@code ConcurrencyException} (409 {@code CONCURRENT_MODIFICATION}), or {@code AggregateStreamCreationException}
     * for a first event (409 {@code DUPLICATE}). Axon's default resolver looks for
     * {@code SQLIntegrityConstraintViolationException}, which pgjdbc does not throw.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    EventSchema eventSchema() {
        return EventStoreSchema.events();
    }

    @Bean
    TokenSchema tokenSchema() {
        return EventStoreSchema.tokens();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper objectMapper) {
        return LedgerSerializer.using(objectMapper);
    }

    /** Stored events of older versions read as the current ones (picked up by Axon's auto-configured event store). */
    @Bean
    EventUpcaster ledgerUpcasters() {
        return LedgerUpcasters.chain();
    }

    /** Copies the actor, effective date, reason, basis, request id and decision from each command onto its events. */
    @Bean
    static CorrelationDataProvider ledgerMetaDataProvider() {
        return new SimpleCorrelationDataProvider(LedgerMetaData.ACTOR_USER, LedgerMetaData.ACTOR_AGENCY,
                LedgerMetaData.ACTOR_ROLE, LedgerMetaData.EFFECTIVE_ON, LedgerMetaData.REASON,
                LedgerMetaData.BASIS_NUMBER, LedgerMetaData.BASIS_DATE, LedgerMetaData.REQUEST_ID,
                LedgerMetaData.DECISION_NUMBER, LedgerMetaData.DECISION_DATE);
    }

    /** Axon's own correlation and trace ids (declared here because declaring any provider replaces the default). */
    @Bean
    static CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** The ledger's clock, in the plan's time zone: "today" for reports and effective dates. */
    @Bean
    Clock clock(@Value("${planledger.zone:Asia/Ho_Chi_Minh}") ZoneId zone) {
        return Clock.system(zone);
    }
}
