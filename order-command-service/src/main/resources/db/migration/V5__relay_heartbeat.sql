-- The relay's heartbeat (Debezium heartbeat.action.query). While no orders come in, the slot's confirmed position
-- only moves when the relay receives something from the publication; a heartbeat row gives it that, so WAL written
-- by other tables is released. Like the outbox, each row is deleted in the transaction that inserts it, and only
-- the insert is published (the publication publishes inserts only).
CREATE TABLE relay_heartbeat (
    id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    beat_at  timestamptz NOT NULL DEFAULT now()
);

ALTER PUBLICATION order_outbox ADD TABLE relay_heartbeat;
