-- Conformance probes an operator runs against a connection's peer before going live (POST
-- /admin/connections/{id}/probe): one row per run, its report kept as JSON once it is done.
CREATE TABLE connection_probes (
    id            TEXT    NOT NULL PRIMARY KEY,
    connection_id TEXT    NOT NULL REFERENCES connections (id),
    state         TEXT    NOT NULL,              -- 'running' | 'done'
    writes        INTEGER NOT NULL,
    modules       TEXT    NULL,                  -- JSON array of the modules asked for; NULL: every module
    version       TEXT    NULL,
    started_at    TEXT    NOT NULL,
    finished_at   TEXT    NULL,
    report        TEXT    NULL                   -- JSON: the checks, tokens masked
);
CREATE INDEX ix_connection_probes_connection ON connection_probes (connection_id, started_at);
