#!/bin/bash
# Runs once, when the official postgres image initialises an empty data directory (/docker-entrypoint-initdb.d).
# It may be sourced by the entrypoint rather than executed, so it neither changes shell options nor calls exit.
#
# Creates the command service's own role instead of letting it run as the superuser:
# - LOGIN REPLICATION: Debezium streams the outbox from a logical replication slot (pgoutput), and the service creates
#   that slot at start-up (pg_create_logical_replication_slot needs REPLICATION);
# - owner of the database (and so, since PostgreSQL 15, of its public schema): Flyway creates the tables and the
#   publication, and CREATE PUBLICATION ... FOR TABLE needs to own the table.
# Kept identical to k8s/overlays/dev/postgres/10-order-command-role.sh (deploy-tests checks that).
: "${ORDERS_DB_USER:?ORDERS_DB_USER must name the command service's database role}"
: "${ORDERS_DB_PASSWORD:?ORDERS_DB_PASSWORD must hold that role's password}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  -v app_user="$ORDERS_DB_USER" -v app_password="$ORDERS_DB_PASSWORD" -v db="${POSTGRES_DB:-postgres}" <<'SQL'
CREATE ROLE :"app_user" LOGIN REPLICATION PASSWORD :'app_password';
ALTER DATABASE :"db" OWNER TO :"app_user";
SQL
