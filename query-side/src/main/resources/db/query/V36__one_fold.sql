-- One fold of the history (org.planledger.shared.fold.ActivityFold). Each projection keeps every activity's state as
-- the fold made it, in its own table and generation, and derives its rows from the state before and after each event.
-- The states are the fold's JSON as bytes (bytea holds any text an event carried, U+0000 included).

create table plan_fold_state (
    generation       integer      not null,
    activity_id      varchar(160) not null,
    version          bigint       not null,
    last_recorded_at timestamptz  not null,
    in_force         date,
    state            bytea        not null,
    primary key (generation, activity_id)
);
create table history_fold_state (like plan_fold_state including all);
create table audit_fold_state (like plan_fold_state including all);

-- A milestone's original due date is versioned with its due date: a triggered milestone gets its first due date, and
-- so its original one, only when the trigger is recorded.
alter table history_due add column original_due date;

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
$$;

-- An audit entry whose event held text PostgreSQL cannot store (U+0000, a lone surrogate) shows it as U+FFFD and says
-- so here; the event store keeps the event as recorded.
alter table audit_entry add column altered_for_storage boolean not null default false;

-- The read models written before this version missed events (a recorded trigger, the clean neighbours of an event that
-- failed): rebuild all three from the first event. Without a token, a tracking processor starts at the tail.
truncate plan_view, activity_view, activity_participant, milestone_view, report_view;
truncate history_plan, history_activity, history_revision, history_milestone, history_due, history_assignment,
         history_participant, history_completion, history_cancellation, history_report;
truncate audit_entry;
update projection_generation set live = 1, building = 1 where processing_group in ('plan_history', 'audit_entry');
delete from token_entry where processor_name in ('plan', 'plan_history', 'audit_entry');
