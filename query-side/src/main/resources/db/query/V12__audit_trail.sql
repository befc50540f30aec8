-- The audit trail: one row per event, written by the "audit_entry" processing group (AuditProjection).
--
-- seq is the order in which the projection wrote the entries. One segment writes them one batch after another, so
-- an entry committed later always has a higher seq than every entry already visible: paging on seq never skips or
-- repeats an entry while events are being appended, even when the event store commits global positions out of order.

insert into projection_generation (processing_group, live, building) values ('audit_entry', 1, 1);

create table audit_entry (
    seq                bigint generated always as identity primary key,
    generation         integer      not null,
    global_position    bigint,
    event_id           varchar(255) not null,
    plan_id            varchar(64)  not null,
    activity_id        varchar(160),
    code               varchar(32),
    aggregate_sequence bigint,
    event_type         varchar(64)  not null,
    actor_user         text,
    actor_agency       text,
    actor_role         text,
    recorded_at        timestamptz  not null,
    effective_on       date         not null,
    reason             text,
    basis_number       text,
    basis_date         date,
    request_id         text,
    correlation_id     text,
    -- field-by-field change: [{"field": "milestones.m1.due", "before": "2024-07-31", "after": "2024-08-31"}, ...]
    changes            jsonb        not null,
    -- the event's payload as recorded
    payload            jsonb        not null,
    -- agencies the entry concerns: the actor's agency, the agencies named before and after, the activity's lead and
    -- coordinators at the time, and the members of any group among them
    agencies           text[]       not null,
    -- the activity's lead and coordinators after this event (ids), carried from entry to entry
    participants       text[]       not null,
    unique (generation, event_id)
);
create index audit_entry_plan on audit_entry (generation, plan_id, seq);
create index audit_entry_activity on audit_entry (generation, activity_id, seq);
create index audit_entry_actor on audit_entry (generation, actor_user, seq);
create index audit_entry_type on audit_entry (generation, event_type, seq);
create index audit_entry_recorded on audit_entry (generation, recorded_at);
create index audit_entry_position on audit_entry (generation, global_position);
create index audit_entry_agencies on audit_entry using gin (agencies);
