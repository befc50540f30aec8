-- Amended activities (ActivityAmended, MilestoneWithdrawn). An activity's printed title, products and timeline are
-- versioned like its assignment, on the recorded ('R') and effective ('V') axes; an activity never amended has no
-- row and reads as registered (history_activity). A withdrawn milestone keeps its rows and is no longer counted once
-- its withdrawal is visible at the point asked about.

create table history_text (
    id                bigint generated always as identity primary key,
    generation        integer      not null,
    plan_id           varchar(64)  not null,
    activity_id       varchar(160) not null,
    axis              char(1)      not null check (axis in ('R', 'V')),
    recorded          tstzrange    not null,
    valid             daterange    not null,
    title             text         not null,
    products          jsonb        not null,
    timeline          text         not null,
    set_seq           bigint       not null,
    set_recorded_at   timestamptz  not null,
    set_effective_on  date         not null,
    previous_title    text,
    previous_products jsonb,
    previous_timeline text,
    reason            text,
    basis_number      text,
    basis_date        date
);
create index history_text_stab on history_text using gist (generation, plan_id, axis, recorded, valid);
create index history_text_current on history_text (generation, activity_id, axis, lower(valid))
    where upper_inf(recorded);

create table history_withdrawal (
    generation   integer      not null,
    plan_id      varchar(64)  not null,
    activity_id  varchar(160) not null,
    milestone_id varchar(32)  not null,
    due_in_force date,
    reason       text,
    basis_number text,
    basis_date   date,
    seq          bigint       not null,
    recorded_at  timestamptz  not null,
    effective_on date         not null,
    primary key (generation, activity_id, milestone_id)
);
create index history_withdrawal_plan on history_withdrawal (generation, plan_id, recorded_at);

create or replace function history_milestones_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz,
                                                 p_d date)
    returns table (activity_id varchar, milestone_id varchar, "position" integer, product text, printed text, rule jsonb,
                   original_due date, due date, completed_on date, on_time boolean)
    language sql stable as
$$
with due as materialized (
    select d.activity_id, d.milestone_id, d.due, d.original_due
    from history_due d
    where d.generation = p_generation and d.plan_id = p_plan and d.axis = p_axis
      and d.recorded @> p_t and d.valid @> p_d
), withdrawn as materialized (
    select w.activity_id, w.milestone_id
    from history_withdrawal w
    where w.generation = p_generation and w.plan_id = p_plan
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
  and m.recorded_at <= p_t and (p_axis = 'R' or m.effective_on <= p_d)
  and not exists (select 1 from withdrawn w where w.activity_id = m.activity_id and w.milestone_id = m.milestone_id)
$$;

create or replace function history_activities_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz,
                                                  p_d date)
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
), txt as materialized (
    select x.activity_id, x.title, x.products, x.timeline
    from history_text x
    where x.generation = p_generation and x.plan_id = p_plan and x.axis = p_axis
      and x.recorded @> p_t and x.valid @> p_d
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
  and a.recorded_at <= p_t and (p_axis = 'R' or a.effective_on <= p_d)
$$;
