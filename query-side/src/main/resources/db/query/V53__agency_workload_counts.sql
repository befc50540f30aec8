-- The workload's counts, kept by the plan projection (PlanProjection, WorkloadCounts) in the batch's transaction, so
-- that the workload now (GET /api/plans/{planId}/workload, the console's agencies and agency pages) reads a few
-- hundred rows instead of aggregating every participant row of the plan: 220,000 on 10,000 activities, 750 ms.
-- Each activity a batch changes takes back what it counted before and adds what it counts now; an agency taking part
-- both directly and through a group (or through two groups) counts once, as direct when it is named (as the
-- workload's former query chose, by the least via_group). The workload at a point in time still folds the history.

-- Activities per agency, role, activity status and direct or through a group (agency_name: as the counted
-- participant row has it).
create table agency_participation (
    plan_id     varchar(64)  not null,
    agency_id   varchar(100) not null,
    agency_name text         not null,
    role        varchar(16)  not null check (role in ('LEAD', 'COORDINATOR')),
    status      varchar(16)  not null,
    direct      boolean      not null,
    activities  integer      not null,
    primary key (plan_id, agency_id, agency_name, role, status, direct)
);

-- The open milestones of the open activities each agency leads, per due date: overdue and due in the next 30 days
-- are sums over a range of days, counted from whichever day is asked for.
create table agency_lead_due (
    plan_id    varchar(64)  not null,
    agency_id  varchar(100) not null,
    due        date         not null,
    milestones integer      not null,
    primary key (plan_id, agency_id, due)
);

-- the counts of the current plan as it stands (a later reset of the plan read model rebuilds them with it)
insert into agency_participation (plan_id, agency_id, agency_name, role, status, direct, activities)
select a.plan_id, p.agency_id, p.agency_name, p.role, a.status, p.via_group = '', count(*)
from activity_participant p join activity_view a on a.activity_id = p.activity_id
where not exists (select 1 from activity_participant q where q.activity_id = p.activity_id
                  and q.agency_id = p.agency_id and q.role = p.role and q.via_group < p.via_group)
group by 1, 2, 3, 4, 5, 6;

insert into agency_lead_due (plan_id, agency_id, due, milestones)
select a.plan_id, p.agency_id, m.due, count(*)
from (select distinct activity_id, agency_id from activity_participant where role = 'LEAD') p
join activity_view a on a.activity_id = p.activity_id
join milestone_view m on m.activity_id = p.activity_id
where a.status = 'OPEN' and m.status = 'OPEN' and m.due is not null
group by 1, 2, 3;
