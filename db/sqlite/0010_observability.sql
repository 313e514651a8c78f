-- Connection health (GET /admin/connections: health) and the trace context a change hands to the jobs it causes.

-- The outcome of calls to the peer of each connection: when it last answered, when it last failed, and since when
-- it has failed without answering in between (NULL while it answers). Written in batches by ConnectionHealthWriter.
ALTER TABLE connections ADD COLUMN last_success_at TEXT NULL;
ALTER TABLE connections ADD COLUMN last_failure_at TEXT NULL;
ALTER TABLE connections ADD COLUMN failing_since TEXT NULL;

-- One row per failed peer call, kept for the last hour: health.failures_last_15m counts them.
CREATE TABLE connection_failures (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT    NOT NULL REFERENCES connections (id),
    failed_at     TEXT    NOT NULL
);
CREATE INDEX ix_connection_failures_connection ON connection_failures (connection_id, failed_at);

-- W3C traceparent of the request that made the change, so dispatch and push continue its trace.
ALTER TABLE outbox ADD COLUMN trace_parent TEXT NULL;
ALTER TABLE deliveries ADD COLUMN trace_parent TEXT NULL;
