package org.planledger.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.planledger.shared.eventstore.LedgerSerializer;
import org.planledger.shared.eventstore.LedgerUpcasters;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store as the query side reads it. The store is declared (not auto-configured) to set how often it polls
 * PostgreSQL for events another process appended (Axon has no property for that fetch delay), and so that a
 * notification of such events wakes it at once ({@link PushedEventStore}); the poll is the fallback. The storage engine
 * is declared to change when a processor gives up waiting for an empty position ({@link GapSafeEventStorageEngine}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    @Bean
    TokenSchema tokenSchema() {
        return EventStoreSchema.tokens();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper objectMapper) {
        return LedgerSerializer.using(objectMapper);
    }

    /**
     * Axon's JDBC engine, except that a processor waits for an empty position below what it read for as long as a
     * transaction that could fill it is open ({@link GapSafeEventStorageEngine}), instead of Axon's 60 s counted from
     * the stored timestamps.
     *
     * @param eventsPerFetch events read per query while a processor catches up or replays (Axon's default: 100)
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
            ConnectionProvider connectionProvider, TransactionManager transactionManager, JdbcTemplate jdbc,
            @Value("${planledger.events-per-fetch:1000}") int eventsPerFetch) {
        return new GapSafeEventStorageEngine(JdbcEventStorageEngine.builder()
                .batchSize(eventsPerFetch)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(LedgerUpcasters.chain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager), EventStoreSchema.events(), jdbc);
    }

    @Bean
    PushedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
            @Value("${planledger.fetch-delay}") Duration fetchDelay) {
        return new PushedEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .fetchDelay(fetchDelay.toMillis()));
    }

    @Bean
    Clock clock(@Value("${planledger.zone}") ZoneId zone) {
        return Clock.system(zone);
    }
}
