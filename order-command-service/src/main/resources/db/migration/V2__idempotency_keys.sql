-- Idempotency-Key of POST /orders: the same key with the same body answers the first order's id.
-- Kept for orders.idempotency.retention (24 h by default), then pruned.
CREATE TABLE idempotency_keys (
    idempotency_key     varchar(200) PRIMARY KEY,
    request_fingerprint char(64)     NOT NULL,
    order_id            uuid         NOT NULL,
    created_at          timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
