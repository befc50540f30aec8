package org.planledger.command.support;

import static org.planledger.security.contract.OpenApiContract.Route.of;

import java.util.List;
import org.planledger.security.contract.OpenApiContract.Routes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What each command route answers besides the errors every route can (OpenAPI; see OpenApiContract): its success
 * status and headers and its own errors. {@code OpenApiContractIT} holds the service to it.
 */
@Configuration(proxyBeanMethods = false)
class ApiRoutes {

    private static final String ACTIVITY = "/api/plans/{planId}/activities/{code}";

    @Bean
    Routes commandRoutes() {
        return new Routes(List.of(
                of("POST", "/api/plans", 201, "Location").errors(409).withIdempotencyKey(),
                of("POST", "/api/plans/{planId}/activities", 201, "Location", "ETag").errors(409, 422).withIdempotencyKey(),
                of("POST", ACTIVITY + "/assignment", 200, "ETag").errors(422).withIdempotencyKey(),
                of("POST", ACTIVITY + "/milestones/{milestoneId}/reschedule", 200, "ETag").errors(422).withIdempotencyKey(),
                of("POST", ACTIVITY + "/milestones/{milestoneId}/trigger", 200, "ETag").errors(422).withIdempotencyKey(),
                of("POST", ACTIVITY + "/milestones/{milestoneId}/completion", 200, "ETag").errors(422).withIdempotencyKey(),
                of("POST", ACTIVITY + "/reports", 200, "ETag").errors(422).withIdempotencyKey(),
                of("POST", ACTIVITY + "/reports/{reportId}/review", 200, "ETag").errors(422).withIdempotencyKey(),
                of("POST", ACTIVITY + "/cancellation", 200, "ETag").errors(422).withIdempotencyKey(),
                of("POST", ACTIVITY + "/amendment", 200, "ETag").errors(422).withIdempotencyKey(),
                of("POST", "/api/plans/{planId}/amendments", 200, "ETag").errors(409, 422).withIdempotencyKey(),
                of("POST", "/api/plans/{planId}/amendments/import", 200, "ETag").errors(409, 413, 422).withIdempotencyKey(),
                of("POST", "/api/plans/{planId}/notices", 200).errors(422).withIdempotencyKey(),
                of("POST", "/api/plans/import", 200).errors(413, 422),
                of("GET", "/api/admin/users", 200),
                of("GET", "/api/admin/users/{username}", 200),
                of("POST", "/api/admin/users", 201, "Location").errors(409, 422),
                of("POST", "/api/admin/users/{username}/disable", 200).errors(422),
                of("POST", "/api/admin/users/{username}/enable", 200),
                of("POST", "/api/admin/users/{username}/password", 200).errors(422),
                of("GET", "/api/admin/users/{username}/tokens", 200),
                of("POST", "/api/admin/users/{username}/tokens", 201, "Location").errors(422),
                of("POST", "/api/admin/users/{username}/tokens/{id}/revoke", 200),
                of("GET", "/api/me/tokens", 200),
                of("POST", "/api/me/tokens", 201, "Location").errors(422),
                of("POST", "/api/me/tokens/{id}/revoke", 200),
                of("GET", "/api/me", 200)));
    }
}
