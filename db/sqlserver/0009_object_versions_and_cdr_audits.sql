-- Every version of a tariff as each copy received it, and the eMSP's audit of each received CDR. Same shape as
-- db/sqlite/0007.

CREATE TABLE dbo.object_versions (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    module          NVARCHAR(30)  NOT NULL,
    hosted_party_id BIGINT        NOT NULL CONSTRAINT fk_object_versions_party REFERENCES dbo.parties (id),
    side            NVARCHAR(10)  NOT NULL,
    owner_key       NVARCHAR(6)   NOT NULL,
    object_key      NVARCHAR(80)  NOT NULL,
    last_updated    DATETIME2     NOT NULL,
    document        NVARCHAR(MAX) NOT NULL,
    recorded_at     DATETIME2     NOT NULL
);
CREATE UNIQUE INDEX ux_object_versions_key ON dbo.object_versions (module, hosted_party_id, side, owner_key, object_key, last_updated);
GO

CREATE TABLE dbo.cdr_audits (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    hosted_party_id BIGINT        NOT NULL CONSTRAINT fk_cdr_audits_party REFERENCES dbo.parties (id),
    owner_key       NVARCHAR(6)   NOT NULL,
    object_key      NVARCHAR(80)  NOT NULL,
    result          NVARCHAR(20)  NOT NULL,
    document        NVARCHAR(MAX) NOT NULL,
    audited_at      DATETIME2     NOT NULL
);
CREATE UNIQUE INDEX ux_cdr_audits_key ON dbo.cdr_audits (hosted_party_id, owner_key, object_key);
CREATE INDEX ix_cdr_audits_result ON dbo.cdr_audits (hosted_party_id, result);
GO
