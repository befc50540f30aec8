-- Push, not poll: every transaction that appends events tells the query side, which LISTENs on this channel
-- (query-side EventAppendNotifications) and wakes its processors and the ledger's sealer at once. PostgreSQL delivers
-- a notification when, and only if, the transaction commits, and folds the identical ones of one transaction into
-- one, so an import of hundreds of events sends one. The query side still polls (PLANLEDGER_FETCH_DELAY) as the
-- fallback for a lost listener connection.

create function notify_event_appended() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('planledger_events', '');
    return null;
end;
$$;

create trigger domain_event_entry_notify
    after insert on domain_event_entry
    for each statement execute function notify_event_appended();
