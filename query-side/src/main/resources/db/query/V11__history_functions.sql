-- The plan at a point in time, read from the history tables of V10. Shared by the plan, activity, workload and
-- baseline queries so that each of them counts the same way.
--
-- Arguments: p_generation (the live generation of plan_history), p_plan, p_axis ('R': recorded order, asOf alone;
-- 'V': effective order, validAt with or without asOf), p_t (asOf; 'infinity' for "everything recorded"), p_d (validAt;
-- ignored on axis 'R', pass 'infinity'). A fact is visible when it was recorded at or before p_t and, on axis 'V',
-- is in force on or before p_d. A versioned attribute takes the row whose recorded range holds p_t and whose valid
-- range holds p_d.

create function history_milestones_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz, p_d date)
    returns table (activity_id varchar, milestone_id varchar, "position" integer, product text, printed text, rule jsonb,
                   original_due date, due date, completed_on date, on_time boolean)
    language sql stable as
$$
with due as materialized (
    select d.activity_id, d.milestone_id, d.due
    from history_due d
    where d.generation = p_generation and d.plan_id = p_plan and d.axis = p_axis
      and d.recorded @> p_t and d.valid @> p_d
)
select m.activity_id, m.milestone_id, m.position, m.product, m.printed, m.rule, m.original_due, due.due,
       c.completed_on, c.on_time
from history_milestone m
left join due on due.activity_id = m.activity_id and due.milestone_id = m.milestone_id
left join history_completion c
       on c.generation = m.generation and c.activity_id = m.activity_id and c.milestone_id = m.milestone_id
      and c.recorded_at <= p_t and (p_axis = 'R' or c.effective_on <= p_d)
where m.generation = p_generation and m.plan_id = p_plan
  and m.recorded_at <= p_t and (p_axis = 'R' or m.effective_on <= p_d)
$$;

-- Status follows the current read model: CANCELLED once cancelled; COMPLETED when every milestone is completed;
-- else OPEN. The version is the activity's version as recorded at p_t.
create function history_activities_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz, p_d date)
    returns table (activity_id varchar, code varchar, section varchar, title text, products jsonb, timeline text,
                   notes text, registered_at timestamptz, version bigint, lead_id varchar, lead_name text,
                   coordinators jsonb, set_seq bigint, status text, joint_leads jsonb)
    language sql stable as
$$
with asg as materialized (
    select s.activity_id, s.lead_id, s.lead_name, s.coordinators, s.set_seq, s.joint_leads
    from history_assignment s
    where s.generation = p_generation and s.plan_id = p_plan and s.axis = p_axis
      and s.recorded @> p_t and s.valid @> p_d
), ms as materialized (
    select m.activity_id, count(*) as milestones, count(m.completed_on) as completed
    from history_milestones_at(p_generation, p_plan, p_axis, p_t, p_d) m
    group by m.activity_id
), cancelled as materialized (
    select x.activity_id
    from history_cancellation x
    where x.generation = p_generation and x.plan_id = p_plan
      and x.recorded_at <= p_t and (p_axis = 'R' or x.effective_on <= p_d)
)
select a.activity_id, a.code, a.section, a.title, a.products, a.timeline, a.notes, a.recorded_at, v.seq,
       asg.lead_id, asg.lead_name, asg.coordinators, asg.set_seq,
       case when cancelled.activity_id is not null then 'CANCELLED'
            when ms.milestones > 0 and ms.completed = ms.milestones then 'COMPLETED'
            else 'OPEN' end,
       coalesce(asg.joint_leads, '[]'::jsonb)
from history_activity a
cross join lateral (
    select r.seq from history_revision r
    where r.generation = a.generation and r.activity_id = a.activity_id and r.recorded_at <= p_t
    order by r.recorded_at desc, r.seq desc
    limit 1
) v
left join asg on asg.activity_id = a.activity_id
left join ms on ms.activity_id = a.activity_id
left join cancelled on cancelled.activity_id = a.activity_id
where a.generation = p_generation and a.plan_id = p_plan
  and a.recorded_at <= p_t and (p_axis = 'R' or a.effective_on <= p_d)
$$;

create function history_reports_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz, p_d date)
    returns table (activity_id varchar, report_id varchar, agency_id varchar, agency_name text, milestone_id varchar,
                   period text, summary text, document_number text, sent_on date, due_in_force date,
                   on_time boolean, recorded_at timestamptz)
    language sql stable as
$$
select r.activity_id, r.report_id, r.agency_id, r.agency_name, r.milestone_id, r.period, r.summary,
       r.document_number, r.sent_on, r.due_in_force, r.on_time, r.recorded_at
from history_report r
where r.generation = p_generation and r.plan_id = p_plan
  and r.recorded_at <= p_t and (p_axis = 'R' or r.effective_on <= p_d)
$$;
