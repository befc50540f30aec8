-- The plan read model (plan_view, activity_view, … agency_lead_due) is rebuilt in place: its reset truncates the tables
-- and the replay fills them again. Its row here says whether that is under way: the reset sets building = live + 1 in
-- the reset's transaction, and the generation check puts it live once the processor has replayed past the reset and
-- caught up. While live <> building the current plan is incomplete, so the queries that read it answer
-- 503 READ_MODEL_REBUILDING (CurrentPlanModel) instead of a plan with activities missing, and verify names the
-- processor as rebuilding. Its rows carry no generation column: nothing is read from another generation.
insert into projection_generation (processing_group, live, building) values ('plan', 1, 1)
on conflict (processing_group) do nothing;
