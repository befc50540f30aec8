-- Idempotency-Key: one receipt per (user, key), written in the same transaction as the events the command appends,
-- so a retried request is applied once and answered with the first answer.
create table command_receipt (
    actor_user      varchar(200) not null,
    idempotency_key varchar(200) not null,
    fingerprint     varchar(64)  not null,
    result_type     varchar(200),
    result          text,
    recorded_at     timestamptz  not null default now(),
    primary key (actor_user, idempotency_key)
);
