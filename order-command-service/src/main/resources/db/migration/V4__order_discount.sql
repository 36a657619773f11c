-- OrderCreated v2 carries a discount; the write model keeps it with the order.
ALTER TABLE orders ADD COLUMN discount_cents bigint NOT NULL DEFAULT 0 CHECK (discount_cents >= 0);
