package org.planledger.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sign-in ({@code planledger.security.*}).
 *
 * @param login                        how failed logins are throttled
 * @param credentialCache              how long a password bcrypt has accepted is remembered (see
 *                                     {@link VerifiedCredentials})
 * @param allowDefaultDatabasePassword start outside the demo profile although the database password is the built-in
 *                                     default (for a database nobody else can reach); off by default
 */
@ConfigurationProperties("planledger.security")
public record SecurityProperties(@DefaultValue Login login, @DefaultValue("false") boolean allowDefaultDatabasePassword,
        @DefaultValue CredentialCache credentialCache) {

    /**
     * After {@code maxFailures} failed logins for one user name within {@code window}, that name is refused (429) for
     * {@code lockFor}, whatever password is sent.
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration lockFor) {
    }

    /**
     * A credential bcrypt accepted is not checked with bcrypt again for {@code ttl} (the account is still read at every
     * request); at most {@code maxEntries} are held. {@code ttl} 0 turns the cache off.
     */
    public record CredentialCache(@DefaultValue("5m") Duration ttl, @DefaultValue("10000") long maxEntries) {
    }
}
