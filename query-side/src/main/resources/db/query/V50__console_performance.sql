-- Indexes for the console's pages on a large plan (README, "Web console": a plan of 10,000 activities).

-- The baseline reads the due date in force at each end for the milestones moved in between, one milestone at a time
-- (history_due_stab answers by plan, history_due_current only for the rows still recorded).
create index history_due_milestone on history_due (generation, activity_id, milestone_id, axis);

-- The printed order of each activity, kept beside its code (printed_order of V48, immutable): the plan table sorts and
-- pages 10,000 activities by it on every request, and computing it per row took most of that query's time.
alter table activity_view add column printed_position integer generated always as (printed_order(code)) stored;
alter table history_activity add column printed_position integer generated always as (printed_order(code)) stored;
