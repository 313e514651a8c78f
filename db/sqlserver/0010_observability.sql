-- Connection health (GET /admin/connections: health) and the trace context a change hands to the jobs it causes.

-- The outcome of calls to the peer of each connection: when it last answered, when it last failed, and since when
-- it has failed without answering in between (NULL while it answers). Written in batches by ConnectionHealthWriter.
ALTER TABLE dbo.connections ADD last_success_at DATETIME2 NULL, last_failure_at DATETIME2 NULL, failing_since DATETIME2 NULL;
GO

-- One row per failed peer call, kept for the last hour: health.failures_last_15m counts them.
CREATE TABLE dbo.connection_failures (
    id            BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    connection_id NVARCHAR(36) NOT NULL CONSTRAINT fk_connection_failures_connection REFERENCES dbo.connections (id),
    failed_at     DATETIME2    NOT NULL
);
CREATE INDEX ix_connection_failures_connection ON dbo.connection_failures (connection_id, failed_at);
GO

-- W3C traceparent of the request that made the change, so dispatch and push continue its trace.
ALTER TABLE dbo.outbox ADD trace_parent NVARCHAR(55) NULL;
ALTER TABLE dbo.deliveries ADD trace_parent NVARCHAR(55) NULL;
GO
