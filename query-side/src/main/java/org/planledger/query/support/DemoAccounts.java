package org.planledger.query.support;

import org.planledger.shared.access.DemoAccount;
import org.planledger.shared.agency.AgencyDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The demo accounts ({@link DemoAccount#roster}), only in the {@code demo} profile. */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoAccounts {

    @Bean
    InMemoryUserDetailsManager demoUsers(@Value("${planledger.demo-password}") String password) {
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password);
        return new InMemoryUserDetailsManager(DemoAccount.roster(AgencyDirectory.standard()).stream()
                .map(a -> User.withUsername(a.username()).password(hash)
                        .authorities(a.authorities().toArray(String[]::new)).build())
                .toList());
    }
}
