-- Personal API tokens: a machine (or the query side relaying a signed-in console user's writes) authenticates with
-- "Authorization: Bearer plt_…". Only the SHA-256 of a token is kept; the token itself is shown once, when issued.
-- Read by both services on every request that carries one; written by the token API and ApiTokens.issue/revoke.

create table api_token (
    id           uuid         primary key,
    -- SHA-256 of the whole token text, "plt_" prefix included
    token_hash   bytea        not null unique check (length(token_hash) = 32),
    username     varchar(64)  not null references app_user (username),
    label        varchar(100) not null check (length(btrim(label)) > 0),
    created_at   timestamptz  not null default now(),
    -- null: until revoked
    expires_at   timestamptz,
    -- updated at most once a minute per token, so that a busy token does not write on every request
    last_used_at timestamptz,
    revoked_at   timestamptz,
    check (expires_at is null or expires_at > created_at)
);

create index api_token_by_user on api_token (username, created_at);
