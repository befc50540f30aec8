package org.planledger.query.processing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The LISTEN connection of {@link EventPush} (application.yml, {@code planledger.push}).
 *
 * @param enabled        listen at all (off: the query side only polls, every {@code planledger.fetch-delay})
 * @param reconnectDelay how long it waits before connecting again after the connection was lost
 * @param heartbeat      how long a silent connection may stay unchecked (a dead network sends no error)
 */
@ConfigurationProperties("planledger.push")
record PushSettings(boolean enabled, Duration reconnectDelay, Duration heartbeat) {
}
