-- What a peer sent that we refused, and what we sent that a peer refused, per connection, for the operator to tell
-- the partner (GET /admin/connections/{id}/problems). Bounded per connection: the oldest rows are dropped.
CREATE TABLE dbo.connection_problems (
    id            BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    connection_id NVARCHAR(36)   NOT NULL CONSTRAINT fk_connection_problems_connection REFERENCES dbo.connections (id),
    at            DATETIME2      NOT NULL,
    direction     NVARCHAR(10)   NOT NULL,
    module        NVARCHAR(30)   NULL,
    object_id     NVARCHAR(64)   NULL,
    peer_status   NVARCHAR(100)  NULL,
    reason        NVARCHAR(2000) NOT NULL
);
GO
CREATE INDEX ix_connection_problems_connection ON dbo.connection_problems (connection_id, id);
GO
