-- The event store shared by both services (Axon's JDBC storage engine, snake_case names: see EventStoreSchema).
-- Payloads and metadata are bytea (never OID large objects); global_index has its own identity sequence.

create table domain_event_entry (
    global_index         bigint generated always as identity primary key,
    event_identifier     varchar(255) not null unique,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    unique (aggregate_identifier, sequence_number)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null unique,
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    primary key (aggregate_identifier, sequence_number)
);

create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);

-- The ledger is append-only: PostgreSQL itself refuses to change or remove a stored event.
create function refuse_event_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'the event table is append-only: % refused', tg_op
        using errcode = 'restrict_violation',
              hint = 'events are immutable; record a correcting event instead';
end;
$$;

create trigger domain_event_entry_no_update_delete
    before update or delete on domain_event_entry
    for each row execute function refuse_event_change();

create trigger domain_event_entry_no_truncate
    before truncate on domain_event_entry
    for each statement execute function refuse_event_change();
