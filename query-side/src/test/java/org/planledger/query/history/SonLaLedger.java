package org.planledger.query.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyResolver;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.plan.PlanDocuments;

/**
 * The Sơn La 2024 plan as the command side would record it (all 81 activities, in force from 1 January 2024, each
 * assigned as printed), and a history grown on it by random valid reschedules and reassignments.
 */
final class SonLaLedger {

    static final List<String> DEPARTMENTS = List.of("so-noi-vu", "so-tu-phap", "so-ke-hoach-va-dau-tu", "so-tai-chinh",
            "so-y-te", "so-giao-duc-va-dao-tao", "so-thong-tin-va-truyen-thong", "van-phong-ubnd-tinh",
            "cac-so-ban-nganh", "ubnd-cap-huyen");

    private SonLaLedger() {
    }

    static LedgerSimulation load(String planId, Instant start, long firstPosition) {
        PlanDocument plan = PlanDocuments.sonLa2024();
        AgencyResolver resolver = new AgencyResolver(LedgerSimulation.DIRECTORY);
        LedgerSimulation ledger = new LedgerSimulation(planId, start, firstPosition);
        ledger.createPlan(plan.title(), plan.year(), new DocumentRef(plan.decision().number(), plan.decision().date()));
        LocalDate inForce = LocalDate.of(plan.year(), 1, 1);
        DocumentRef decision = new DocumentRef(plan.decision().number(), plan.decision().date());
        for (ActivityRow row : plan.activities()) {
            ledger.register(row.code(), row.title(), row.productItems(), row.timeline(), inForce);
            List<Agency> leads = resolver.resolveCell(row.lead());
            Map<String, AgencyRef> coordinators = new LinkedHashMap<>();
            leads.stream().skip(1).forEach(a -> coordinators.put(a.id(), new AgencyRef(a.id(), a.name())));
            resolver.resolveCell(row.coordinators()).forEach(a -> coordinators.put(a.id(), new AgencyRef(a.id(), a.name())));
            AgencyRef lead = new AgencyRef(leads.get(0).id(), leads.get(0).name());
            coordinators.remove(lead.id());
            ledger.assign(row.code(), lead, new ArrayList<>(coordinators.values()), "giao nhiệm vụ theo Kế hoạch",
                    decision, inForce);
        }
        return ledger;
    }

    /**
     * Adds random valid changes until the ledger holds {@code events} events: 70% reschedules (back-dated up to 60
     * days or forward up to 20, most on a basis), 30% reassignments; the recording clock moves 1 to 10 minutes
     * between commands.
     */
    static void grow(LedgerSimulation ledger, Random random, int events) {
        List<String> codes = ledger.codes();
        while (ledger.events().size() < events) {
            ledger.advance(Duration.ofMinutes(1 + random.nextInt(10)));
            String code = codes.get(random.nextInt(codes.size()));
            LocalDate effectiveOn = ledger.today().plusDays(random.nextInt(81) - 60);
            DocumentRef basis = random.nextInt(10) < 8
                    ? new DocumentRef(random.nextInt(5000) + "/UBND-KGVX", ledger.today().minusDays(random.nextInt(10))) : null;
            if (random.nextInt(10) < 7) {
                List<String> milestones = ledger.milestones(code);
                String milestone = milestones.get(random.nextInt(milestones.size()));
                LocalDate current = ledger.due(code, milestone);
                LocalDate base = current == null ? LocalDate.of(2024, 12, 31) : current;
                ledger.reschedule(code, milestone, base.plusDays(random.nextInt(91) - 30), "điều chỉnh tiến độ", basis,
                        effectiveOn);
            } else {
                AgencyRef lead = LedgerSimulation.agency(DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size())));
                List<AgencyRef> coordinators = new ArrayList<>();
                for (String id : DEPARTMENTS) {
                    if (!id.equals(lead.id()) && random.nextInt(4) == 0) {
                        coordinators.add(LedgerSimulation.agency(id));
                    }
                }
                ledger.assign(code, lead, coordinators, "điều chỉnh phân công", basis, effectiveOn);
            }
        }
    }
}
