package org.planledger.query.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The ledger's settings, and a warning at start-up when the database would let this service undo the guard. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerSettings.class)
class LedgerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LedgerConfiguration.class);

    private final DataSource dataSource;

    LedgerConfiguration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfTheGuardCanBeBypassed() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Verification.Guard guard = LedgerVerifier.guard(connection);
            if (guard.roleCanBypassTriggers()) {
                log.warn("database role {} owns the ledger's tables or is a superuser: it could disable the append-only "
                        + "triggers. Run the migrations as a separate owner (PLANLEDGER_DB_OWNER) so it cannot.", guard.role());
            }
            if (!guard.triggersEnabled()) {
                log.warn("an append-only trigger of the ledger's tables is disabled");
            }
        }
    }
}
