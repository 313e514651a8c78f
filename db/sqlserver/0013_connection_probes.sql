-- Conformance probes an operator runs against a connection's peer before going live (POST
-- /admin/connections/{id}/probe): one row per run, its report kept as JSON once it is done.
CREATE TABLE dbo.connection_probes (
    id            NVARCHAR(36)  NOT NULL PRIMARY KEY,
    connection_id NVARCHAR(36)  NOT NULL CONSTRAINT fk_connection_probes_connection REFERENCES dbo.connections (id),
    state         NVARCHAR(10)  NOT NULL,
    writes        BIT           NOT NULL,
    modules       NVARCHAR(400) NULL,
    version       NVARCHAR(10)  NULL,
    started_at    DATETIME2     NOT NULL,
    finished_at   DATETIME2     NULL,
    report        NVARCHAR(MAX) NULL
);
GO
CREATE INDEX ix_connection_probes_connection ON dbo.connection_probes (connection_id, started_at);
GO
