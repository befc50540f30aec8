package org.planledger.command.importing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.planledger.command.support.Actor;
import org.planledger.shared.access.Role;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.plan.PlanDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the bundled Sơn La 2024 plan at start-up, attributed to the system actor. What the ledger already holds is
 * skipped, so a second start adds no events. Off with {@code planledger.load-son-la-plan=false}.
 */
@Component
@ConditionalOnProperty(name = "planledger.load-son-la-plan", havingValue = "true", matchIfMissing = true)
class SonLaPlanOnStart implements ApplicationRunner {

    static final Actor SYSTEM = new Actor("system", "", Role.SYSTEM.name());
    private static final Logger log = LoggerFactory.getLogger(SonLaPlanOnStart.class);

    private final PlanImport planImport;

    SonLaPlanOnStart(PlanImport planImport) {
        this.planImport = planImport;
    }

    @Override
    public void run(ApplicationArguments args) {
        PlanDocument plan = PlanDocuments.sonLa2024();
        Map<String, Integer> rows = new HashMap<>();
        List<ActivityRow> activities = plan.activities();
        for (int i = 0; i < activities.size(); i++) {
            rows.put(activities.get(i).code(), i + 1);
        }
        PlanImport.Result result = planImport.load(plan, rows, SYSTEM);
        log.info("Sơn La 2024 plan: {} activities registered, {} assigned, {} already in the ledger{}",
                result.activitiesRegistered(), result.activitiesAssigned(), result.activitiesAlreadyPresent(),
                result.planCreated() ? " (plan created)" : "");
    }
}
