-- Amendment decisions (AmendmentDecided): one row per decision of a plan, with its changes as decided, and the
-- recorded instant of the last event it caused ("as of decision N" reads the plan as recorded through it).

create table history_decision (
    generation          integer      not null,
    plan_id             varchar(64)  not null,
    decision_number     text         not null,
    decision_date       date,
    effective_on        date         not null,
    summary             text         not null,
    changes             jsonb        not null,
    recorded_at         timestamptz  not null,
    through_recorded_at timestamptz  not null,
    primary key (generation, plan_id, decision_number)
);
