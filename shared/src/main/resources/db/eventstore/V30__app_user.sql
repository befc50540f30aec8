-- Who may sign in, with which role and (for agency officers) which agency. Read by both services on every
-- authentication; written by the admin API (POST /api/admin/users) and ./planledger user. Not part of the event store:
-- accounts are configuration, and the events record who acted (actorUser, actorRole, actorAgency) themselves.

create table app_user (
    username         varchar(64)  primary key,
    -- bcrypt only ($2a$, $2b$ or $2y$)
    password_hash    varchar(100) not null check (password_hash ~ '^\$2[aby]\$[0-9]{2}\$.{53}$'),
    role             varchar(32)  not null check (role in ('PLAN_ADMIN', 'AGENCY_OFFICER', 'INSPECTOR', 'SYSTEM')),
    -- a directory agency id (not a group); an officer has exactly one, nobody else has any
    agency_id        varchar(100),
    enabled          boolean      not null default true,
    -- true while the account holds the password the demo profile gave it: other profiles refuse to start then
    default_password boolean      not null default false,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    check ((role = 'AGENCY_OFFICER') = (agency_id is not null))
);

-- Failed logins per attempted user name (existing or not, so a lock tells nothing about which names exist).
create table login_throttle (
    username     varchar(200) primary key,
    failures     integer      not null,
    window_start timestamptz  not null,
    locked_until timestamptz
);
