package org.planledger.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyResolver;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.plan.PlanDocuments;

/**
 * Loads the Sơn La 2024 plan through the command side's HTTP API, as an administrator would: the plan, its 81
 * activities (in force from 1 January 2024) and their printed lead and coordinating agencies. Used by
 * {@code demo/sonla-inspection.sh}. Arguments: command-side base URL, plan id.
 */
public final class SonLaOverHttp {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SonLaOverHttp() {
    }

    public static void main(String[] args) throws Exception {
        String commandSide = args.length > 0 ? args[0] : "http://127.0.0.1:8081";
        String planId = args.length > 1 ? args[1] : "sonla-cchc-2024";
        String password = System.getenv().getOrDefault("PLANLEDGER_DEMO_PASSWORD", "demo");
        PlanDocument plan = PlanDocuments.sonLa2024();
        AgencyResolver resolver = new AgencyResolver(LedgerSimulation.DIRECTORY);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("number", plan.decision().number());
        decision.put("date", plan.decision().date());
        post(commandSide + "/api/plans", password, Map.of("planId", planId, "title", plan.title(), "year", plan.year(),
                "decision", decision));
        String inForce = plan.year() + "-01-01";
        for (ActivityRow row : plan.activities()) {
            post(commandSide + "/api/plans/" + planId + "/activities", password, Map.of("code", row.code(),
                    "section", row.section(), "title", row.title(), "products", row.productItems(),
                    "timeline", row.timeline(), "notes", row.notes(), "effectiveOn", inForce));
            List<Agency> leads = resolver.resolveCell(row.lead());
            Set<String> coordinators = new LinkedHashSet<>();
            leads.stream().skip(1).forEach(a -> coordinators.add(a.id()));
            resolver.resolveCell(row.coordinators()).forEach(a -> coordinators.add(a.id()));
            coordinators.remove(leads.get(0).id());
            post(commandSide + "/api/plans/" + planId + "/activities/" + row.code() + "/assignment", password,
                    Map.of("lead", leads.get(0).id(), "coordinators", new ArrayList<>(coordinators),
                            "reason", "giao nhiệm vụ theo Kế hoạch", "basis", decision, "effectiveOn", inForce));
        }
        System.out.println("loaded " + plan.activities().size() + " activities into plan " + planId);
    }

    private static void post(String url, String password, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
