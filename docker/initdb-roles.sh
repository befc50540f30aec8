#!/bin/sh
# Run once by the postgres image when its volume is new (docker-compose.yml mounts it into /docker-entrypoint-initdb.d).
# The same roles ./planledger creates on a local PostgreSQL: planledger_owner owns the tables and runs the migrations;
# the services connect as planledger, which may append events but neither change them nor disable the trigger.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$PLANLEDGER_DB_OWNER_PASSWORD" -v app_password="$PLANLEDGER_DB_PASSWORD" <<'SQL'
create role planledger_owner login password :'owner_password' nosuperuser nocreatedb nocreaterole;
create role planledger login password :'app_password' nosuperuser nocreatedb nocreaterole;
create database planledger owner planledger_owner encoding 'UTF8' template template0;
SQL
