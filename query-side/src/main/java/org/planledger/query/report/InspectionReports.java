package org.planledger.query.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.MilestoneLine;
import org.planledger.query.report.InspectionReport.NoticeLine;
import org.planledger.query.report.InspectionReport.ReportLine;
import org.planledger.query.report.InspectionReport.RescheduleLine;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.shared.agency.AgencyDirectory;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads an inspection report from the point-in-time read models as of a cut-off instant: the activities as recorded
 * then, their milestones, the reschedules recorded up to then (from the audit trail, with actor, reason and basis) and
 * the reports submitted. Four streams ordered the same way are merged activity by activity, so memory holds one
 * activity at a time whatever the size of the plan.
 */
@Component
class InspectionReports {

    private static final String ORDER = " order by printed_order(a.code), a.activity_id";
    private static final int FETCH_SIZE = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final ProjectionGenerations generations;
    private final ObjectMapper json;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    InspectionReports(DataSource dataSource, ProjectionGenerations generations, ObjectMapper json) {
        // without a fetch size the driver reads each result set whole before the first row is handed over
        JdbcTemplate cursors = new JdbcTemplate(dataSource);
        cursors.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(cursors);
        this.generations = generations;
        this.json = json;
    }

    /** The agencies an activity concerns, and how: named directly, or through a group. */
    record Participation(String agencyId, String role, String viaGroup) {
    }

    /** One activity as of the cut-off, with everything the report shows about it. */
    record Activity(String activityId, String code, String title, String status, String leadId, List<String> leadIds,
            List<String> coordinatorIds, List<MilestoneLine> milestones, List<ReportLine> reports) {
    }

    /**
     * Streams every activity of the plan as of {@code cutOff}, in printed order. Must run inside a read-only
     * transaction (PostgreSQL streams a cursor only then).
     */
    void forEachActivity(String planId, Instant cutOff, Consumer<Activity> consumer) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("g", generations.live("plan_history"))
                .addValue("ga", generations.live("audit_entry"))
                .addValue("plan", planId)
                .addValue("t", cutOff.atOffset(ZoneOffset.UTC));
        String activity = " join history_activity a on a.generation = :g and a.activity_id = x.activity_id";
        try (Stream<Map<String, Object>> activities = stream("""
                    select x.* from history_activities_at(:g, :plan, 'R', :t, 'infinity') x""" + activity + ORDER, params);
             Stream<Map<String, Object>> milestones = stream("""
                    select x.* from history_milestones_at(:g, :plan, 'R', :t, 'infinity') x""" + activity
                     + ORDER + ", x.position", params);
             Stream<Map<String, Object>> reschedules = stream("""
                    select x.activity_id, x.payload, x.actor_user, x.reason, x.basis_number, x.basis_date,
                           x.effective_on, x.recorded_at
                    from audit_entry x""" + activity + " where " + """
                     x.generation = :ga and x.plan_id = :plan and x.event_type = 'DeadlineRescheduled'
                      and x.recorded_at <= :t""" + ORDER + ", x.seq", params);
             Stream<Map<String, Object>> notices = stream("""
                    select x.activity_id, x.payload, x.recorded_at
                    from audit_entry x""" + activity + " where " + """
                     x.generation = :ga and x.plan_id = :plan and x.event_type = 'AgencyUrged'
                      and x.recorded_at <= :t""" + ORDER + ", x.seq", params);
             Stream<Map<String, Object>> reports = stream("""
                    select x.* from history_reviewed_reports_at(:g, :plan, 'R', :t, 'infinity') x""" + activity
                     + ORDER + ", x.recorded_at, x.report_id", params)) {
            Merge milestoneRows = new Merge(milestones.iterator());
            Merge rescheduleRows = new Merge(reschedules.iterator());
            Merge reportRows = new Merge(reports.iterator());
            Merge noticeRows = new Merge(notices.iterator());
            LocalDate cutOffDay = cutOff.atZone(Cells.ZONE).toLocalDate();
            activities.forEach(row -> {
                String id = (String) row.get("activity_id");
                Map<String, List<RescheduleLine>> moves = new LinkedHashMap<>();
                for (Map<String, Object> r : rescheduleRows.take(id)) {
                    JsonNode payload = read(r.get("payload"));
                    LocalDate from = date(payload.path("previousDue"));
                    LocalDate to = date(payload.path("newDue"));
                    moves.computeIfAbsent(payload.path("milestoneId").asText(), k -> new ArrayList<>()).add(new RescheduleLine(
                            instant(r.get("recorded_at")), localDate(r.get("effective_on")), (String) r.get("actor_user"),
                            (String) r.get("reason"), (String) r.get("basis_number"), localDate(r.get("basis_date")),
                            from, to, from == null || to == null ? 0 : ChronoUnit.DAYS.between(from, to)));
                }
                Map<String, List<NoticeLine>> urged = new LinkedHashMap<>();
                for (Map<String, Object> n : noticeRows.take(id)) {
                    JsonNode payload = read(n.get("payload"));
                    for (JsonNode m : payload.path("milestones")) {
                        urged.computeIfAbsent(m.path("milestoneId").asText(), k -> new ArrayList<>()).add(new NoticeLine(
                                payload.path("agency").path("name").asText(), payload.path("documentNumber").asText(),
                                date(payload.path("sentOn")), date(m.path("dueInForce")), m.path("overdue").asBoolean()));
                    }
                }
                List<MilestoneLine> lines = new ArrayList<>();
                for (Map<String, Object> m : milestoneRows.take(id)) {
                    LocalDate due = localDate(m.get("due"));
                    LocalDate completedOn = localDate(m.get("completed_on"));
                    String milestoneId = (String) m.get("milestone_id");
                    lines.add(new MilestoneLine(milestoneId, (String) m.get("product"), (String) m.get("printed"),
                            localDate(m.get("original_due")), due, completedOn == null ? "OPEN" : "COMPLETED", completedOn,
                            (Boolean) m.get("on_time"), completedOn == null && due != null && due.isBefore(cutOffDay),
                            moves.getOrDefault(milestoneId, List.of()), urged.getOrDefault(milestoneId, List.of())));
                }
                List<ReportLine> submitted = new ArrayList<>();
                for (Map<String, Object> r : reportRows.take(id)) {
                    submitted.add(new ReportLine((String) r.get("report_id"), (String) r.get("agency_name"),
                            (String) r.get("milestone_id"), (String) r.get("period"), (String) r.get("document_number"),
                            localDate(r.get("sent_on")), localDate(r.get("due_in_force")), Boolean.TRUE.equals(r.get("on_time")),
                            (String) r.get("answers"), (String) r.get("review"), (String) r.get("review_reason"),
                            localDate(r.get("reviewed_on"))));
                }
                List<String> leads = new ArrayList<>();
                if (row.get("lead_id") != null) {
                    leads.add((String) row.get("lead_id"));
                }
                ids(row.get("joint_leads")).forEach(leads::add);
                consumer.accept(new Activity(id, (String) row.get("code"), (String) row.get("title"),
                        (String) row.get("status"), (String) row.get("lead_id"), leads, ids(row.get("coordinators")),
                        lines, submitted));
            });
        }
    }

    /** How each agency takes part in the activity: named as lead or coordinator, or as a member of a named group. */
    List<Participation> participants(Activity activity) {
        Map<String, Participation> byAgency = new LinkedHashMap<>();
        for (String lead : activity.leadIds()) {
            add(byAgency, lead, "LEAD");
        }
        for (String coordinator : activity.coordinatorIds()) {
            add(byAgency, coordinator, "COORDINATOR");
        }
        return List.copyOf(byAgency.values());
    }

    private void add(Map<String, Participation> byAgency, String agencyId, String role) {
        byAgency.putIfAbsent(agencyId, new Participation(agencyId, role, ""));
        for (String member : directory.memberIdsOf(agencyId)) {
            byAgency.putIfAbsent(member, new Participation(member, role, directory.get(agencyId).name()));
        }
    }

    String agencyName(String agencyId) {
        return directory.find(agencyId).map(a -> a.name()).orElse(agencyId);
    }

    /** Counts per agency, filled activity by activity; memory grows with the number of agencies only. */
    static final class Summaries {
        private final Map<String, int[]> counts = new LinkedHashMap<>();
        private final Map<String, long[]> slips = new LinkedHashMap<>();
        private final Set<String> order = new LinkedHashSet<>();

        void add(Participation p, Activity a) {
            order.add(p.agencyId());
            int[] c = counts.computeIfAbsent(p.agencyId(), k -> new int[13]);
            c[p.role().equals("LEAD") ? 0 : 1]++;
            for (MilestoneLine m : a.milestones()) {
                c[2]++;
                if (m.completedOn() != null) {
                    c[3]++;
                    if (Boolean.TRUE.equals(m.completedOnTime())) {
                        c[4]++;
                    }
                }
                if (m.overdueAtCutOff()) {
                    c[5]++;
                }
                c[8] += m.reschedules().size();
                c[9] += (int) m.reschedules().stream().filter(RescheduleLine::withoutBasis).count();
                slips.computeIfAbsent(p.agencyId(), k -> new long[1])[0] += m.slipDays();
            }
            for (ReportLine r : a.reports()) {
                if (!r.counts()) {
                    c[11]++;
                    continue;
                }
                c[6]++;
                if (!r.onTime()) {
                    c[7]++;
                }
                if ("AWAITING_REVIEW".equals(r.review())) {
                    c[10]++;
                }
            }
        }

        List<AgencySummary> result(java.util.function.Function<String, String> names) {
            List<AgencySummary> result = new ArrayList<>();
            for (String agency : order) {
                int[] c = counts.get(agency);
                result.add(new AgencySummary(agency, names.apply(agency), c[0], c[1], c[2], c[3], c[4],
                        c[3] == 0 ? null : (double) c[4] / c[3], c[5], c[6], c[7], c[10], c[11], c[8],
                        slips.getOrDefault(agency, new long[1])[0], c[9]));
            }
            return result;
        }
    }

    /** Takes the rows of one activity from a stream ordered like the activities. */
    private static final class Merge {
        private final Iterator<Map<String, Object>> rows;
        private Map<String, Object> next;

        Merge(Iterator<Map<String, Object>> rows) {
            this.rows = rows;
            this.next = rows.hasNext() ? rows.next() : null;
        }

        List<Map<String, Object>> take(String activityId) {
            List<Map<String, Object>> taken = new ArrayList<>();
            while (next != null && activityId.equals(next.get("activity_id"))) {
                taken.add(next);
                next = rows.hasNext() ? rows.next() : null;
            }
            return taken;
        }
    }

    private Stream<Map<String, Object>> stream(String sql, MapSqlParameterSource params) {
        return jdbc.queryForStream(sql, params, (ResultSet rs, int i) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.put(rs.getMetaData().getColumnLabel(c), value(rs, c));
            }
            return row;
        });
    }

    private static Object value(ResultSet rs, int c) throws SQLException {
        return switch (rs.getMetaData().getColumnTypeName(c)) {
            case "date" -> rs.getObject(c, LocalDate.class);
            case "timestamptz" -> rs.getObject(c, java.time.OffsetDateTime.class);
            default -> rs.getObject(c);
        };
    }

    private List<String> ids(Object jsonArray) {
        List<String> ids = new ArrayList<>();
        if (jsonArray != null) {
            for (JsonNode agency : read(jsonArray)) {
                ids.add(agency.isTextual() ? agency.asText() : agency.path("id").asText());
            }
        }
        return ids;
    }

    private JsonNode read(Object value) {
        try {
            return json.readTree(value.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LocalDate date(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : LocalDate.parse(node.asText());
    }

    private static LocalDate localDate(Object value) {
        return (LocalDate) value;
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((java.time.OffsetDateTime) value).toInstant();
    }
}
