package org.planledger.security.contract;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings of the HTTP contract both services share, once: the OpenAPI version and media types, no whitelabel page.
 * They come last, so a service's application.yml or the environment can still override one.
 */
public class ContractDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.of(
            "springdoc.api-docs.version", "openapi_3_1",
            "springdoc.default-produces-media-type", "application/json",
            "springdoc.default-consumes-media-type", "application/json",
            "springdoc.remove-broken-reference-definitions", "false",
            "springdoc.paths-to-match", "/api/**",
            "server.error.whitelabel.enabled", "false",
            "spring.mvc.problemdetails.enabled", "false");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("planledger-contract-defaults", DEFAULTS));
    }
}
