-- OCPI objects (locations, tariffs, later sessions, CDRs, tokens) of every hosted party, the deliveries that push
-- changes to peers, and the state of pull resyncs. Same shape as db/sqlite/0002.

CREATE TABLE dbo.ocpi_objects (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    module          NVARCHAR(30)  NOT NULL,
    hosted_party_id BIGINT        NOT NULL CONSTRAINT fk_ocpi_objects_party REFERENCES dbo.parties (id),
    side            NVARCHAR(10)  NOT NULL,
    owner_key       NVARCHAR(6)   NOT NULL,
    object_key      NVARCHAR(80)  NOT NULL,
    object_id       NVARCHAR(80)  NOT NULL,
    published       BIT           NOT NULL CONSTRAINT df_ocpi_objects_published DEFAULT 1,
    visible         BIT           NOT NULL CONSTRAINT df_ocpi_objects_visible DEFAULT 1,
    last_updated    DATETIME2     NOT NULL,
    document        NVARCHAR(MAX) NOT NULL,
    created_at      DATETIME2     NOT NULL,
    updated_at      DATETIME2     NOT NULL
);
CREATE UNIQUE INDEX ux_ocpi_objects_key ON dbo.ocpi_objects (module, hosted_party_id, side, owner_key, object_key);
CREATE INDEX ix_ocpi_objects_page ON dbo.ocpi_objects (module, hosted_party_id, side, last_updated, id);
GO

ALTER TABLE dbo.outbox ADD detail NVARCHAR(80) NULL, correlation_id NVARCHAR(100) NULL;
GO

CREATE TABLE dbo.deliveries (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    connection_id   NVARCHAR(36)   NOT NULL CONSTRAINT fk_deliveries_connection REFERENCES dbo.connections (id),
    hosted_party_id BIGINT         NOT NULL CONSTRAINT fk_deliveries_party REFERENCES dbo.parties (id),
    target_key      NVARCHAR(6)    NOT NULL,
    target_role     NVARCHAR(10)   NOT NULL,
    module          NVARCHAR(30)   NOT NULL,
    object_key      NVARCHAR(200)  NOT NULL,
    operation       NVARCHAR(20)   NOT NULL,
    detail          NVARCHAR(80)   NULL,
    state           NVARCHAR(20)   NOT NULL,
    attempts        INT            NOT NULL CONSTRAINT df_deliveries_attempts DEFAULT 0,
    changes         INT            NOT NULL CONSTRAINT df_deliveries_changes DEFAULT 1,
    last_error      NVARCHAR(2000) NULL,
    next_attempt_at DATETIME2      NOT NULL,
    lease_until     DATETIME2      NULL,
    correlation_id  NVARCHAR(100)  NULL,
    created_at      DATETIME2      NOT NULL,
    updated_at      DATETIME2      NOT NULL,
    delivered_at    DATETIME2      NULL
);
CREATE UNIQUE INDEX ux_deliveries_pending ON dbo.deliveries (connection_id, target_key, module, object_key) WHERE state = 'pending';
CREATE INDEX ix_deliveries_due ON dbo.deliveries (state, next_attempt_at);
CREATE INDEX ix_deliveries_connection ON dbo.deliveries (connection_id, state);
GO

CREATE TABLE dbo.sync_state (
    connection_id   NVARCHAR(36)   NOT NULL CONSTRAINT fk_sync_state_connection REFERENCES dbo.connections (id),
    hosted_party_id BIGINT         NOT NULL CONSTRAINT fk_sync_state_party REFERENCES dbo.parties (id),
    remote_key      NVARCHAR(6)    NOT NULL,
    module          NVARCHAR(30)   NOT NULL,
    synced_until    DATETIME2      NULL,
    last_attempt_at DATETIME2      NULL,
    last_error      NVARCHAR(2000) NULL,
    CONSTRAINT pk_sync_state PRIMARY KEY (connection_id, hosted_party_id, remote_key, module)
);
GO
