-- Report review: a plan keeper accepts a report or returns it with a reason; a returned report is answered by a new
-- submission that names it. The current plan keeps each report's review state; the point-in-time model records each
-- review as a fact of its own, so a view as of a time before the review shows the report awaiting review.
alter table report_view
    add column answers       varchar(32),
    add column review        varchar(16) not null default 'AWAITING_REVIEW',
    add column review_reason text,
    add column reviewed_on   date;

alter table history_report add column answers varchar(32);

create table history_report_review (
    generation   integer      not null,
    plan_id      varchar(64)  not null,
    activity_id  varchar(160) not null,
    report_id    varchar(32)  not null,
    outcome      varchar(16)  not null,
    reason       text         not null,
    reviewed_on  date,
    seq          bigint       not null,
    recorded_at  timestamptz  not null,
    effective_on date         not null,
    primary key (generation, activity_id, report_id)
);
create index history_report_review_plan on history_report_review (generation, plan_id, recorded_at);

-- The reports recorded (axis 'R': by p_t) or in force (axis 'V': by p_d) at a point in time, as history_reports_at
-- gives them, with the report each answers and its review state then (AWAITING_REVIEW until a review is recorded).
create function history_reviewed_reports_at(p_generation integer, p_plan varchar, p_axis char, p_t timestamptz,
                                            p_d date)
    returns table (activity_id varchar, report_id varchar, agency_id varchar, agency_name text, milestone_id varchar,
                   period text, summary text, document_number text, sent_on date, due_in_force date,
                   on_time boolean, recorded_at timestamptz, answers varchar, review varchar, review_reason text,
                   reviewed_on date)
    language sql stable as
$$
select r.activity_id, r.report_id, r.agency_id, r.agency_name, r.milestone_id, r.period, r.summary,
       r.document_number, r.sent_on, r.due_in_force, r.on_time, r.recorded_at, h.answers,
       coalesce(v.outcome, 'AWAITING_REVIEW')::varchar, v.reason, v.reviewed_on
from history_reports_at(p_generation, p_plan, p_axis, p_t, p_d) r
join history_report h
  on h.generation = p_generation and h.activity_id = r.activity_id and h.report_id = r.report_id
left join history_report_review v
       on v.generation = p_generation and v.activity_id = r.activity_id and v.report_id = r.report_id
      and v.recorded_at <= p_t and (p_axis = 'R' or v.effective_on <= p_d)
$$;
