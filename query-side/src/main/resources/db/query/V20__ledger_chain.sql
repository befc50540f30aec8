-- The hash chain over the event store (docs/LEDGER-HASH.md), sealed by the query side's LedgerSealer strictly in
-- global_index order, and every digest the ledger handed out. Both are append-only like the event table itself,
-- and the application role (${app_role}) may only read and append them.

create table ledger_chain (
    global_index         bigint       primary key,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    event_hash           bytea        not null check (length(event_hash) = 32),
    chain_hash           bytea        not null check (length(chain_hash) = 32),
    sealed_at            timestamptz  not null default now()
);
-- a verifier that finds an unexpected event hash looks up where that event was sealed
create index ledger_chain_event_hash on ledger_chain (event_hash);
create index ledger_chain_event on ledger_chain (aggregate_identifier, sequence_number);

create table ledger_digest (
    position     bigint      primary key,
    digest       bytea       not null check (length(digest) = 32),
    published_at timestamptz not null
);

create function refuse_ledger_change() returns trigger
    language plpgsql as
$$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation',
              hint = 'the hash chain and published digests are never changed';
end;
$$;

create trigger ledger_chain_no_update_delete
    before update or delete on ledger_chain
    for each row execute function refuse_ledger_change();
create trigger ledger_chain_no_truncate
    before truncate on ledger_chain
    for each statement execute function refuse_ledger_change();
create trigger ledger_digest_no_update_delete
    before update or delete on ledger_digest
    for each row execute function refuse_ledger_change();
create trigger ledger_digest_no_truncate
    before truncate on ledger_digest
    for each statement execute function refuse_ledger_change();

revoke all on ledger_chain, ledger_digest from "${app_role}";
grant select, insert on ledger_chain, ledger_digest to "${app_role}";
do $$
begin
    if current_user <> '${app_role}' then
        revoke all on "${flyway:table}" from "${app_role}";
    end if;
end
$$;
