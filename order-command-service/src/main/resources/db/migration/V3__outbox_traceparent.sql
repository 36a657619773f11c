-- The W3C traceparent of the request that caused the event: carried as a Kafka header so that the consumer's
-- span continues the command's trace across the asynchronous hop.
ALTER TABLE outbox ADD COLUMN traceparent varchar(55);
