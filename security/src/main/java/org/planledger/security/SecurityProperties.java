package org.planledger.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sign-in ({@code planledger.security.*}).
 *
 * @param login                        how failed logins are throttled
 * @param allowDefaultDatabasePassword start outside the demo profile although the database password is the built-in
 *                                     default (for a database nobody else can reach); off by default
 */
@ConfigurationProperties("planledger.security")
public record SecurityProperties(@DefaultValue Login login, @DefaultValue("false") boolean allowDefaultDatabasePassword) {

    /**
     * After {@code maxFailures} failed logins for one user name within {@code window}, that name is refused (429) for
     * {@code lockFor}, whatever password is sent.
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration lockFor) {
    }
}
