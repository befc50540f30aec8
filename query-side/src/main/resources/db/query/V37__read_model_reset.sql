-- A rebuild asked of one query side while another instance holds a claim of the read model's processor (Axon resets
-- only the tokens this instance can claim): the request is recorded here, the instance holding the claim carries it
-- out and records the outcome, and the instance that was asked answers with it (ReadModelResets).
create table read_model_reset (
    request_id       uuid         primary key,
    processing_group varchar(64)  not null unique,
    requested_by     varchar(255) not null,
    requested_at     timestamptz  not null default now(),
    reset_by         varchar(255),
    reset_at         timestamptz
);
