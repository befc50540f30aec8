-- The plan at a point in time for some of its activities only (the console's page of 250, an agency's overdue list):
-- history_milestones_at and history_activities_at (V45) evaluate the whole plan, some 200 and 300 ms on 10,000
-- activities, and the plan page then kept 250 rows of each. They take the activities' ids now (p_activities; null:
-- every activity, which the former signatures still answer) and then read only those activities' rows, by activity
-- (indexes below). Both stay plain SQL functions that PostgreSQL inlines, so a null or a given list is folded into
-- the caller's plan. PlanTableIT compares a page's activities with the whole plan at several points in time.

create index history_assignment_activity on history_assignment (generation, activity_id, axis);
create index history_text_activity on history_text (generation, activity_id, axis);

create function history_milestones_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz, p_d date,
                                      p_activities varchar[])
    returns table (activity_id varchar, milestone_id varchar, "position" integer, product text, printed text, rule jsonb,
                   original_due date, due date, completed_on date, on_time boolean)
    language sql stable as
$$
with due as materialized (
    select d.activity_id, d.milestone_id, d.due, d.original_due
    from history_due d
    where d.generation = p_generation and d.plan_id = p_plan
      and (p_activities is null or d.activity_id = any(p_activities))
      and d.axis = p_axis and d.recorded @> p_t and d.valid @> p_d
), withdrawn as materialized (
    select w.activity_id, w.milestone_id
    from history_withdrawal w
    where w.generation = p_generation and w.plan_id = p_plan
      and (p_activities is null or w.activity_id = any(p_activities))
      and w.recorded_at <= p_t and (p_axis = 'R' or w.effective_on <= p_d)
)
select m.activity_id, m.milestone_id, m.position, m.product, m.printed, m.rule, coalesce(due.original_due, m.original_due),
       due.due, c.completed_on, c.on_time
from history_milestone m
left join due on due.activity_id = m.activity_id and due.milestone_id = m.milestone_id
left join history_completion c
       on c.generation = m.generation and c.activity_id = m.activity_id and c.milestone_id = m.milestone_id
      and c.recorded_at <= p_t and (p_axis = 'R' or c.effective_on <= p_d)
where m.generation = p_generation and m.plan_id = p_plan
  and (p_activities is null or m.activity_id = any(p_activities))
  and m.recorded_at <= p_t and (p_axis = 'R' or m.effective_on <= p_d)
  and not exists (select 1 from withdrawn w where w.activity_id = m.activity_id and w.milestone_id = m.milestone_id)
$$;

create function history_activities_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz, p_d date,
                                      p_activities varchar[])
    returns table (activity_id varchar, code varchar, section varchar, title text, products jsonb, timeline text,
                   notes text, registered_at timestamptz, version bigint, lead_id varchar, lead_name text,
                   coordinators jsonb, set_seq bigint, status text, joint_leads jsonb)
    language sql stable as
$$
with asg as materialized (
    select s.activity_id, s.lead_id, s.lead_name, s.coordinators, s.set_seq, s.joint_leads
    from history_assignment s
    where s.generation = p_generation and s.plan_id = p_plan
      and (p_activities is null or s.activity_id = any(p_activities))
      and s.axis = p_axis and s.recorded @> p_t and s.valid @> p_d
), txt as materialized (
    select x.activity_id, x.title, x.products, x.timeline
    from history_text x
    where x.generation = p_generation and x.plan_id = p_plan
      and (p_activities is null or x.activity_id = any(p_activities))
      and x.axis = p_axis and x.recorded @> p_t and x.valid @> p_d
), ms as materialized (
    select m.activity_id, count(*) as milestones, count(m.completed_on) as completed
    from history_milestones_at(p_generation, p_plan, p_axis, p_t, p_d, p_activities) m
    group by m.activity_id
), cancelled as materialized (
    select x.activity_id
    from history_cancellation x
    where x.generation = p_generation and x.plan_id = p_plan
      and (p_activities is null or x.activity_id = any(p_activities))
      and x.recorded_at <= p_t and (p_axis = 'R' or x.effective_on <= p_d)
)
select a.activity_id, a.code, a.section, coalesce(txt.title, a.title), coalesce(txt.products, a.products),
       coalesce(txt.timeline, a.timeline), a.notes, a.recorded_at, v.seq,
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
left join txt on txt.activity_id = a.activity_id
left join ms on ms.activity_id = a.activity_id
left join cancelled on cancelled.activity_id = a.activity_id
where a.generation = p_generation and a.plan_id = p_plan
  and (p_activities is null or a.activity_id = any(p_activities))
  and a.recorded_at <= p_t and (p_axis = 'R' or a.effective_on <= p_d)
$$;

create or replace function history_milestones_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz,
                                                 p_d date)
    returns table (activity_id varchar, milestone_id varchar, "position" integer, product text, printed text, rule jsonb,
                   original_due date, due date, completed_on date, on_time boolean)
    language sql stable as
$$ select * from history_milestones_at(p_generation, p_plan, p_axis, p_t, p_d, null) $$;

create or replace function history_activities_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz,
                                                  p_d date)
    returns table (activity_id varchar, code varchar, section varchar, title text, products jsonb, timeline text,
                   notes text, registered_at timestamptz, version bigint, lead_id varchar, lead_name text,
                   coordinators jsonb, set_seq bigint, status text, joint_leads jsonb)
    language sql stable as
$$ select * from history_activities_at(p_generation, p_plan, p_axis, p_t, p_d, null) $$;
