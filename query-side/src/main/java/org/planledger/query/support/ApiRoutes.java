package org.planledger.query.support;

import static org.planledger.security.contract.OpenApiContract.Route.of;

import java.util.List;
import org.planledger.security.contract.OpenApiContract.Routes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What each query route answers besides the errors every route can (OpenAPI; see OpenApiContract): its success
 * status and headers and its own errors. {@code OpenApiContractIT} holds the service to it.
 */
@Configuration(proxyBeanMethods = false)
class ApiRoutes {

    @Bean
    Routes queryRoutes() {
        return new Routes(List.of(
                of("GET", "/api/plans/{planId}", 200),
                of("GET", "/api/plans/{planId}/activities/{code}", 200),
                of("GET", "/api/plans/{planId}/workload", 200),
                of("GET", "/api/plans/{planId}/baseline", 200),
                of("GET", "/api/plans/{planId}/decisions", 200),
                of("GET", "/api/plans/{planId}/activities/{code}/history", 200),
                of("GET", "/api/plans/{planId}/changes-without-basis", 200),
                of("GET", "/api/plans/{planId}/inspection-report", 200, "X-Ledger-Position", "X-Ledger-Digest",
                        "Content-Disposition").errors(422),
                of("GET", "/api/audit", 200),
                of("GET", "/api/agencies", 200),
                of("GET", "/api/plans/{planId}/agencies/{agencyId}/urging-proposal", 200).errors(422),
                of("GET", "/api/plans/{planId}/agencies/{agencyId}/notices", 200).errors(422),
                of("GET", "/api/ledger/digest", 200),
                of("GET", "/api/ledger/verify", 200),
                of("POST", "/api/admin/projections/{name}/reset", 202).errors(409),
                of("GET", "/api/me", 200)));
    }
}
