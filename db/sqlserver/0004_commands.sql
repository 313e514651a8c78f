-- Commands and charging profiles are asynchronous (2.2.1 mod_commands, mod_charging_profiles): the answer to the
-- request only says whether it could be forwarded; the outcome comes later, POSTed to the sender's response_url.
-- Same shape as db/sqlite/0004.

CREATE TABLE dbo.received_requests (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    hosted_party_id BIGINT         NOT NULL CONSTRAINT fk_received_requests_party REFERENCES dbo.parties (id),
    connection_id   NVARCHAR(36)   NOT NULL CONSTRAINT fk_received_requests_connection REFERENCES dbo.connections (id),
    sender_key      NVARCHAR(6)    NOT NULL,
    module          NVARCHAR(30)   NOT NULL,
    type            NVARCHAR(30)   NOT NULL,
    object_key      NVARCHAR(80)   NULL,
    response_url    NVARCHAR(2000) NOT NULL,
    document        NVARCHAR(MAX)  NOT NULL,
    response        NVARCHAR(MAX)  NULL,
    result          NVARCHAR(MAX)  NULL,
    charger_ref     NVARCHAR(80)   NULL,
    correlation_id  NVARCHAR(100)  NULL,
    created_at      DATETIME2      NOT NULL,
    updated_at      DATETIME2      NOT NULL
);
CREATE INDEX ix_received_requests_object ON dbo.received_requests (hosted_party_id, module, object_key, created_at);
GO

CREATE TABLE dbo.result_posts (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    hosted_party_id BIGINT         NOT NULL CONSTRAINT fk_result_posts_party REFERENCES dbo.parties (id),
    connection_id   NVARCHAR(36)   NOT NULL CONSTRAINT fk_result_posts_connection REFERENCES dbo.connections (id),
    target_key      NVARCHAR(6)    NOT NULL,
    module          NVARCHAR(30)   NOT NULL,
    request_id      BIGINT         NULL CONSTRAINT fk_result_posts_request REFERENCES dbo.received_requests (id),
    method          NVARCHAR(10)   NOT NULL,
    url             NVARCHAR(2000) NOT NULL,
    body            NVARCHAR(MAX)  NOT NULL,
    state           NVARCHAR(20)   NOT NULL,
    attempts        INT            NOT NULL CONSTRAINT df_result_posts_attempts DEFAULT 0,
    last_error      NVARCHAR(2000) NULL,
    next_attempt_at DATETIME2      NOT NULL,
    lease_until     DATETIME2      NULL,
    correlation_id  NVARCHAR(100)  NULL,
    created_at      DATETIME2      NOT NULL,
    updated_at      DATETIME2      NOT NULL,
    delivered_at    DATETIME2      NULL
);
CREATE INDEX ix_result_posts_due ON dbo.result_posts (state, next_attempt_at);
GO

CREATE TABLE dbo.sent_requests (
    id              NVARCHAR(36)   NOT NULL PRIMARY KEY,
    hosted_party_id BIGINT         NOT NULL CONSTRAINT fk_sent_requests_party REFERENCES dbo.parties (id),
    module          NVARCHAR(30)   NOT NULL,
    type            NVARCHAR(30)   NOT NULL,
    cpo_key         NVARCHAR(6)    NOT NULL,
    connection_id   NVARCHAR(36)   NULL CONSTRAINT fk_sent_requests_connection REFERENCES dbo.connections (id),
    object_id       NVARCHAR(80)   NULL,
    document        NVARCHAR(MAX)  NOT NULL,
    state           NVARCHAR(20)   NOT NULL,
    reason          NVARCHAR(2000) NULL,
    response        NVARCHAR(MAX)  NULL,
    result          NVARCHAR(MAX)  NULL,
    timeout_at      DATETIME2      NULL,
    dispatched_at   DATETIME2      NULL,
    created_at      DATETIME2      NOT NULL,
    updated_at      DATETIME2      NOT NULL
);
CREATE INDEX ix_sent_requests_party ON dbo.sent_requests (hosted_party_id, module, object_id, created_at);
CREATE INDEX ix_sent_requests_state ON dbo.sent_requests (state, timeout_at);
GO
