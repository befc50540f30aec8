package org.planledger.query.support;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the event store migrations (shared with the command side, {@code db/eventstore}) and then the query side's
 * own read-model migrations ({@code db/query}), each with its own history table so neither service trips over the
 * other's migrations.
 */
@Configuration(proxyBeanMethods = false)
class FlywayConfiguration {

    @Bean
    FlywayMigrationStrategy eventStoreThenReadModels() {
        return eventStore -> {
            eventStore.migrate();
            Flyway.configure()
                    .configuration(eventStore.getConfiguration())
                    .locations("classpath:db/query")
                    .table("schema_history_query")
                    // the event store tables are already there: start this history at version 0 and apply V1 onwards
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        };
    }
}
