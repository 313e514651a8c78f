-- Parties hosted here, connections to peers, the credentials tokens that authenticate them, and the outbox.
-- Key columns (*_key) hold the upper-case form of OCPI CiStrings; the display columns keep the original casing.

CREATE TABLE dbo.parties (
    id            BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    country_code  NVARCHAR(2)   NOT NULL,
    party_id      NVARCHAR(3)   NOT NULL,
    party_key     NVARCHAR(6)   NOT NULL CONSTRAINT uq_parties_party_key UNIQUE,
    name          NVARCHAR(100) NOT NULL,
    roles         NVARCHAR(100) NOT NULL,
    parent_id     BIGINT        NULL CONSTRAINT fk_parties_parent REFERENCES dbo.parties (id),
    created_at    DATETIME2     NOT NULL,
    updated_at    DATETIME2     NOT NULL
);
GO

CREATE TABLE dbo.connections (
    id                    NVARCHAR(36)  NOT NULL PRIMARY KEY,
    name                  NVARCHAR(200) NOT NULL,
    kind                  NVARCHAR(20)  NOT NULL,
    state                 NVARCHAR(20)  NOT NULL,
    initiated_by          NVARCHAR(10)  NOT NULL,
    version               NVARCHAR(10)  NULL,
    versions_url          NVARCHAR(255) NULL,
    endpoints             NVARCHAR(MAX) NULL,
    outbound_token        NVARCHAR(MAX) NULL,
    outbound_token_raw    BIT           NOT NULL CONSTRAINT df_connections_raw DEFAULT 0,
    invitation_expires_at DATETIME2     NULL,
    created_at            DATETIME2     NOT NULL,
    updated_at            DATETIME2     NOT NULL,
    registered_at         DATETIME2     NULL
);
GO

CREATE TABLE dbo.connection_parties (
    connection_id NVARCHAR(36) NOT NULL CONSTRAINT fk_connection_parties_connection REFERENCES dbo.connections (id),
    party_id      BIGINT       NOT NULL CONSTRAINT fk_connection_parties_party REFERENCES dbo.parties (id),
    CONSTRAINT pk_connection_parties PRIMARY KEY (connection_id, party_id)
);
CREATE INDEX ix_connection_parties_party ON dbo.connection_parties (party_id);
GO

CREATE TABLE dbo.remote_parties (
    connection_id NVARCHAR(36)  NOT NULL CONSTRAINT fk_remote_parties_connection REFERENCES dbo.connections (id),
    role          NVARCHAR(10)  NOT NULL,
    country_code  NVARCHAR(2)   NOT NULL,
    party_id      NVARCHAR(3)   NOT NULL,
    party_key     NVARCHAR(6)   NOT NULL,
    name          NVARCHAR(100) NULL,
    source        NVARCHAR(20)  NOT NULL,
    status        NVARCHAR(20)  NULL,
    updated_at    DATETIME2     NOT NULL,
    CONSTRAINT pk_remote_parties PRIMARY KEY (connection_id, role, party_key)
);
CREATE INDEX ix_remote_parties_party ON dbo.remote_parties (party_key, role);
GO

CREATE TABLE dbo.credentials_tokens (
    id            BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    connection_id NVARCHAR(36)   NOT NULL CONSTRAINT fk_credentials_tokens_connection REFERENCES dbo.connections (id),
    kind          NVARCHAR(1)    NOT NULL,
    lookup        NVARCHAR(32)   NOT NULL CONSTRAINT uq_credentials_tokens_lookup UNIQUE,
    salt          VARBINARY(32)  NOT NULL,
    hash          VARBINARY(64)  NOT NULL,
    expires_at    DATETIME2      NULL,
    revoked_at    DATETIME2      NULL,
    created_at    DATETIME2      NOT NULL
);
CREATE INDEX ix_credentials_tokens_connection ON dbo.credentials_tokens (connection_id);
GO

CREATE TABLE dbo.connection_audit (
    id            BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    connection_id NVARCHAR(36)   NOT NULL CONSTRAINT fk_connection_audit_connection REFERENCES dbo.connections (id),
    at            DATETIME2      NOT NULL,
    actor         NVARCHAR(20)   NOT NULL,
    action        NVARCHAR(50)   NOT NULL,
    detail        NVARCHAR(1000) NULL
);
CREATE INDEX ix_connection_audit_connection ON dbo.connection_audit (connection_id, at);
GO

CREATE TABLE dbo.outbox (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    hosted_party_id BIGINT        NOT NULL CONSTRAINT fk_outbox_party REFERENCES dbo.parties (id),
    module          NVARCHAR(30)  NOT NULL,
    object_key      NVARCHAR(200) NOT NULL,
    operation       NVARCHAR(10)  NOT NULL,
    created_at      DATETIME2     NOT NULL,
    dispatched_at   DATETIME2     NULL
);
CREATE INDEX ix_outbox_pending ON dbo.outbox (dispatched_at, id);
GO

CREATE TABLE dbo.data_protection_keys (
    friendly_name NVARCHAR(200) NOT NULL PRIMARY KEY,
    xml           NVARCHAR(MAX) NOT NULL
);
GO
