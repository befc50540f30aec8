-- Indexes for the console's pages on a large plan (README, "Web console": a plan of 10,000 activities).

-- The baseline reads the due date in force at each end for the milestones moved in between, one milestone at a time
-- (history_due_stab answers by plan, history_due_current only for the rows still recorded).
create index history_due_milestone on history_due (generation, activity_id, milestone_id, axis);
