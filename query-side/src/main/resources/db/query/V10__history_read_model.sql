-- Point-in-time read model of plans, written by the "plan_history" processing group (PlanHistoryProjection).
--
-- Two time axes:
--   recorded time: the instant the ledger recorded an event (the event timestamp, never earlier than the previous
--                  event of the same activity);
--   effective time: the date from which a change is in force (the event's effectiveOn, else the metadata effectiveOn,
--                   else the recorded date; never earlier than the date the activity itself is in force, nor an
--                   activity before its plan; a plan is in force from its decision's date, else 1 January of its year).
--
-- Facts that are set once (a plan, an activity, a milestone, a completion, a cancellation, a report) are one row each
-- with recorded_at and effective_on. Attributes that change (a milestone's due date, an activity's assignment) are
-- versioned rows on two axes:
--   axis 'R' (recorded order, answers asOf): one row per setting, valid for the recorded range until the next setting;
--   axis 'V' (effective order, answers validAt with or without asOf): bitemporal rows; a setting recorded at t and in
--            force from e closes the one current row whose valid range holds e and writes at most two rows from t on.
-- "The value at (T, D)" is the row whose recorded range holds T and whose valid range holds D: a GiST stab, whatever
-- the length of the history.
--
-- Every table carries the projection generation it belongs to: a rebuild writes a new generation while queries keep
-- reading the live one (see projection_generation and ProjectionGenerations).

create extension if not exists btree_gist;

create table projection_generation (
    processing_group varchar(64) primary key,
    live             integer     not null,
    building         integer     not null
);
insert into projection_generation (processing_group, live, building) values ('plan_history', 1, 1);

create table history_plan (
    generation      integer     not null,
    plan_id         varchar(64) not null,
    title           text        not null,
    year            integer     not null,
    decision_number text,
    decision_date   date,
    recorded_at     timestamptz not null,
    effective_on    date        not null,
    primary key (generation, plan_id)
);

create table history_activity (
    generation   integer      not null,
    activity_id  varchar(160) not null,
    plan_id      varchar(64)  not null,
    code         varchar(32)  not null,
    section      varchar(16)  not null,
    title        text         not null,
    products     jsonb        not null,
    timeline     text         not null,
    notes        text         not null,
    recorded_at  timestamptz  not null,
    effective_on date         not null,
    primary key (generation, activity_id)
);
create index history_activity_plan on history_activity (generation, plan_id, recorded_at);

-- One row per event of an activity: its version (aggregate sequence number) and when it was recorded.
create table history_revision (
    generation   integer      not null,
    activity_id  varchar(160) not null,
    seq          bigint       not null,
    event_type   varchar(64)  not null,
    recorded_at  timestamptz  not null,
    effective_on date         not null,
    primary key (generation, activity_id, seq)
);
create index history_revision_at on history_revision (generation, activity_id, recorded_at, seq);

create table history_milestone (
    generation   integer      not null,
    plan_id      varchar(64)  not null,
    activity_id  varchar(160) not null,
    milestone_id varchar(32)  not null,
    position     integer      not null,
    product      text         not null,
    printed      text         not null,
    rule         jsonb        not null,
    original_due date,
    recorded_at  timestamptz  not null,
    effective_on date         not null,
    primary key (generation, activity_id, milestone_id)
);
create index history_milestone_plan on history_milestone (generation, plan_id);

create table history_due (
    id               bigint generated always as identity primary key,
    generation       integer      not null,
    plan_id          varchar(64)  not null,
    activity_id      varchar(160) not null,
    milestone_id     varchar(32)  not null,
    axis             char(1)      not null check (axis in ('R', 'V')),
    recorded         tstzrange    not null,
    valid            daterange    not null,
    due              date,
    -- the setting whose value this row holds
    set_by           varchar(64)  not null,
    set_seq          bigint       not null,
    set_recorded_at  timestamptz  not null,
    set_effective_on date         not null,
    previous_due     date,
    reason           text,
    basis_number     text,
    basis_date       date
);
create index history_due_stab on history_due using gist (generation, plan_id, axis, recorded, valid);
create index history_due_current on history_due (generation, activity_id, milestone_id, axis, lower(valid))
    where upper_inf(recorded);
create index history_due_settings on history_due (generation, plan_id, set_recorded_at) where axis = 'R';

create table history_assignment (
    id                    bigint generated always as identity primary key,
    generation            integer      not null,
    plan_id               varchar(64)  not null,
    activity_id           varchar(160) not null,
    axis                  char(1)      not null check (axis in ('R', 'V')),
    recorded              tstzrange    not null,
    valid                 daterange    not null,
    lead_id               varchar(100) not null,
    lead_name             text         not null,
    coordinators          jsonb        not null,
    -- further agencies leading together with the lead (a lead cell naming several), as [{id, name}]
    joint_leads           jsonb        not null default '[]',
    set_seq               bigint       not null,
    set_recorded_at       timestamptz  not null,
    set_effective_on      date         not null,
    previous_lead_id      varchar(100),
    previous_lead_name    text,
    previous_coordinators jsonb,
    reason                text,
    basis_number          text,
    basis_date            date
);
create index history_assignment_stab on history_assignment using gist (generation, plan_id, axis, recorded, valid);
create index history_assignment_current on history_assignment (generation, activity_id, axis, lower(valid))
    where upper_inf(recorded);
create index history_assignment_settings on history_assignment (generation, plan_id, set_recorded_at) where axis = 'R';

-- Who takes part under one assignment (the setting with that set_seq): agencies named, and members of named groups.
create table history_participant (
    generation  integer      not null,
    activity_id varchar(160) not null,
    set_seq     bigint       not null,
    agency_id   varchar(100) not null,
    agency_name text         not null,
    role        varchar(16)  not null check (role in ('LEAD', 'COORDINATOR')),
    via_group   varchar(100) not null default '',
    position    integer      not null,
    primary key (generation, activity_id, set_seq, agency_id, role, via_group)
);

create table history_completion (
    generation   integer      not null,
    plan_id      varchar(64)  not null,
    activity_id  varchar(160) not null,
    milestone_id varchar(32)  not null,
    completed_on date         not null,
    on_time      boolean      not null,
    due_in_force date,
    note         text,
    seq          bigint       not null,
    recorded_at  timestamptz  not null,
    effective_on date         not null,
    primary key (generation, activity_id, milestone_id)
);
create index history_completion_plan on history_completion (generation, plan_id, recorded_at);

create table history_cancellation (
    generation   integer      not null,
    plan_id      varchar(64)  not null,
    activity_id  varchar(160) not null,
    reason       text,
    basis_number text,
    basis_date   date,
    seq          bigint       not null,
    recorded_at  timestamptz  not null,
    effective_on date         not null,
    primary key (generation, activity_id)
);
create index history_cancellation_plan on history_cancellation (generation, plan_id, recorded_at);

create table history_report (
    generation      integer      not null,
    plan_id         varchar(64)  not null,
    activity_id     varchar(160) not null,
    report_id       varchar(32)  not null,
    agency_id       varchar(100) not null,
    agency_name     text         not null,
    milestone_id    varchar(32),
    period          text,
    summary         text         not null,
    document_number text,
    sent_on         date         not null,
    due_in_force    date,
    on_time         boolean      not null,
    seq             bigint       not null,
    recorded_at     timestamptz  not null,
    effective_on    date         not null,
    primary key (generation, activity_id, report_id)
);
create index history_report_plan on history_report (generation, plan_id, recorded_at);
