-- Run once by the postgres image when its volume is new (docker-compose.yml mounts it into /docker-entrypoint-initdb.d).
-- The same roles ./planledger creates on a local PostgreSQL: planledger_owner owns the tables and runs the migrations;
-- the services connect as planledger, which may append events but neither change them nor disable the trigger.
create role planledger_owner login password 'planledger_owner' nosuperuser nocreatedb nocreaterole;
create role planledger login password 'planledger' nosuperuser nocreatedb nocreaterole;
create database planledger owner planledger_owner encoding 'UTF8' template template0;
