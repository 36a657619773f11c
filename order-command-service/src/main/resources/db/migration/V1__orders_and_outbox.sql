-- The write model: one row per order, its items, and the optimistic-concurrency version.
CREATE TABLE orders (
    id                  uuid         PRIMARY KEY,
    customer_id         varchar(64)  NOT NULL,
    currency            char(3)      NOT NULL,
    status              varchar(16)  NOT NULL CHECK (status IN ('CREATED', 'CONFIRMED', 'SHIPPED', 'CANCELLED')),
    version             bigint       NOT NULL CHECK (version >= 1),
    cancellation_reason varchar(500),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL
);

CREATE TABLE order_items (
    order_id         uuid        NOT NULL REFERENCES orders (id),
    line_no          int         NOT NULL,
    sku              varchar(64) NOT NULL,
    quantity         int         NOT NULL CHECK (quantity > 0),
    unit_price_cents bigint      NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, line_no)
);

-- Debezium's default outbox columns, plus our own headers (aggregate_version, schema_version).
-- Rows are deleted in the transaction that inserts them: the WAL keeps the insert for the relay.
CREATE TABLE outbox (
    id                uuid         PRIMARY KEY,
    aggregatetype     varchar(64)  NOT NULL,
    aggregateid       varchar(64)  NOT NULL,
    type              varchar(64)  NOT NULL,
    timestamp         timestamptz  NOT NULL,
    payload           jsonb        NOT NULL,
    aggregate_version bigint       NOT NULL,
    schema_version    int          NOT NULL
);

-- Only inserts are published, so the same-transaction deletes never reach the relay.
CREATE PUBLICATION order_outbox FOR TABLE outbox WITH (publish = 'insert');

-- Durable relay offsets (Kafka Connect's key/value pairs), kept beside the data they describe.
CREATE TABLE relay_offsets (
    offset_key   bytea       PRIMARY KEY,
    offset_value bytea,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
