-- Privilege separation. Flyway runs as the owner of the tables (PLANLEDGER_DB_OWNER); both services connect as the
-- application role ${app_role} (PLANLEDGER_DB_USER). Only a table's owner or a superuser can disable a trigger, so
-- the application can neither change a stored event nor switch off the trigger that refuses it.
-- When one role is used for both (PLANLEDGER_DB_OWNER unset), these statements run but the application owns the
-- tables and could grant itself back what is revoked here: the refusal is then only as strong as the trigger.

-- Tables the owner creates from now on (the read models of later migrations) are for the application to use.
grant usage on schema "${flyway:defaultSchema}" to "${app_role}";
alter default privileges in schema "${flyway:defaultSchema}" grant select, insert, update, delete, truncate on tables to "${app_role}";
alter default privileges in schema "${flyway:defaultSchema}" grant usage, select on sequences to "${app_role}";
grant select, insert, update, delete, truncate on all tables in schema "${flyway:defaultSchema}" to "${app_role}";
grant usage, select on all sequences in schema "${flyway:defaultSchema}" to "${app_role}";

-- The event table: read and append, nothing else.
revoke all on domain_event_entry from "${app_role}";
grant select, insert on domain_event_entry to "${app_role}";

-- Migration history is the owner's business (unless the owner is the application role itself).
do $$
begin
    if current_user <> '${app_role}' then
        revoke all on "${flyway:table}" from "${app_role}";
    end if;
end
$$;
