-- The console's sessions (Spring Session JDBC, README "Web console"): every query-side instance reads the same
-- sessions, so a user signed in through one is signed in on all, and a restart signs nobody out. The tables are
-- Spring Session's own PostgreSQL schema (org/springframework/session/jdbc/schema-postgresql.sql), created here rather
-- than by spring.session.jdbc.initialize-schema so that they are versioned with the read models.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id)
        on delete cascade
);
