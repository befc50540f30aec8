-- Read models of the current plan, rebuilt from the event store by the "plan" processing group (PlanProjection).
-- Every write is an upsert keyed by natural ids, so replaying an event twice changes nothing.

create table plan_view (
    plan_id         varchar(64) primary key,
    title           text        not null,
    year            integer     not null,
    decision_number text,
    decision_date   date,
    created_at      timestamptz not null
);

create table activity_view (
    activity_id   varchar(160) primary key,
    plan_id       varchar(64)  not null,
    code          varchar(32)  not null,
    section       varchar(16)  not null,
    title         text         not null,
    products      jsonb        not null,
    timeline      text         not null,
    notes         text         not null,
    lead_id       varchar(100),
    lead_name     text,
    status        varchar(16)  not null,
    version       bigint       not null,
    registered_at timestamptz  not null,
    unique (plan_id, code)
);

-- Who takes part in an activity: the agencies named (via_group null) and, for a named group, each member of the
-- group (via_group = the group's id). Workload counts both, keeping "named directly" apart from "through a group".
create table activity_participant (
    activity_id varchar(160) not null,
    agency_id   varchar(100) not null,
    agency_name text         not null,
    role        varchar(16)  not null check (role in ('LEAD', 'COORDINATOR')),
    via_group   varchar(100) not null default '',
    position    integer      not null,
    primary key (activity_id, agency_id, role, via_group)
);
create index activity_participant_agency on activity_participant (agency_id);

create table milestone_view (
    activity_id  varchar(160) not null,
    milestone_id varchar(32)  not null,
    position     integer      not null,
    product      text         not null,
    printed      text         not null,
    rule         jsonb        not null,
    original_due date,
    due          date,
    status       varchar(16)  not null check (status in ('OPEN', 'COMPLETED')),
    completed_on date,
    on_time      boolean,
    primary key (activity_id, milestone_id)
);
create index milestone_view_due on milestone_view (due) where status = 'OPEN';

create table report_view (
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
    recorded_at     timestamptz  not null,
    primary key (activity_id, report_id)
);
create index report_view_agency on report_view (agency_id);
