-- Parties hosted here, connections to peers, the credentials tokens that authenticate them, and the outbox.
-- Key columns (*_key) hold the upper-case form of OCPI CiStrings; the display columns keep the original casing.

CREATE TABLE parties (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    country_code  TEXT    NOT NULL,
    party_id      TEXT    NOT NULL,
    party_key     TEXT    NOT NULL UNIQUE,          -- 'NL*ABC'
    name          TEXT    NOT NULL,
    roles         TEXT    NOT NULL,                 -- 'CPO,EMSP'
    parent_id     INTEGER NULL REFERENCES parties (id),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE TABLE connections (
    id                    TEXT    NOT NULL PRIMARY KEY,   -- a GUID, also used in admin URLs
    name                  TEXT    NOT NULL,
    kind                  TEXT    NOT NULL,               -- 'remote' | 'internal'
    state                 TEXT    NOT NULL,               -- 'pending' | 'registered' | 'suspended' | 'unregistered'
    initiated_by          TEXT    NOT NULL,               -- 'us' (we POSTed credentials) | 'them'
    version               TEXT    NULL,
    versions_url          TEXT    NULL,                   -- the peer's versions endpoint
    endpoints             TEXT    NULL,                   -- the peer's version details endpoints, JSON
    outbound_token        TEXT    NULL,                   -- token we call them with, encrypted (Data Protection)
    outbound_token_raw    INTEGER NOT NULL DEFAULT 0,     -- 1: send it unencoded (2.1.1 and some 2.2 peers)
    invitation_expires_at TEXT    NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    registered_at         TEXT    NULL
);

CREATE TABLE connection_parties (
    connection_id TEXT    NOT NULL REFERENCES connections (id),
    party_id      INTEGER NOT NULL REFERENCES parties (id),
    PRIMARY KEY (connection_id, party_id)
);
CREATE INDEX ix_connection_parties_party ON connection_parties (party_id);

CREATE TABLE remote_parties (
    connection_id TEXT NOT NULL REFERENCES connections (id),
    role          TEXT NOT NULL,
    country_code  TEXT NOT NULL,
    party_id      TEXT NOT NULL,
    party_key     TEXT NOT NULL,                 -- 'DE*XYZ'
    name          TEXT NULL,
    source        TEXT NOT NULL,                 -- 'credentials' | 'hubclientinfo'
    status        TEXT NULL,                     -- ClientInfo status when source is hubclientinfo
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (connection_id, role, party_key)
);
CREATE INDEX ix_remote_parties_party ON remote_parties (party_key, role);

-- Inbound credentials tokens (A, B or C that we issued). Never the token itself: a public lookup prefix to
-- find the row, and a salted SHA-256 compared in constant time.
CREATE TABLE credentials_tokens (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT    NOT NULL REFERENCES connections (id),
    kind          TEXT    NOT NULL,              -- 'A' | 'B' | 'C'
    lookup        TEXT    NOT NULL UNIQUE,
    salt          BLOB    NOT NULL,
    hash          BLOB    NOT NULL,
    expires_at    TEXT    NULL,
    revoked_at    TEXT    NULL,
    created_at    TEXT    NOT NULL
);
CREATE INDEX ix_credentials_tokens_connection ON credentials_tokens (connection_id);

CREATE TABLE connection_audit (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT    NOT NULL REFERENCES connections (id),
    at            TEXT    NOT NULL,
    actor         TEXT    NOT NULL,              -- 'admin' | 'peer' | 'system'
    action        TEXT    NOT NULL,
    detail        TEXT    NULL
);
CREATE INDEX ix_connection_audit_connection ON connection_audit (connection_id, at);

-- Every change peers must hear about, written in the transaction of the change itself.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),
    module          TEXT    NOT NULL,
    object_key      TEXT    NOT NULL,
    operation       TEXT    NOT NULL,            -- 'put' | 'patch' | 'delete' | 'post'
    created_at      TEXT    NOT NULL,
    dispatched_at   TEXT    NULL
);
CREATE INDEX ix_outbox_pending ON outbox (dispatched_at, id);

-- ASP.NET Data Protection key ring, so encrypted outbound tokens survive restarts and scale-out.
CREATE TABLE data_protection_keys (
    friendly_name TEXT NOT NULL PRIMARY KEY,
    xml           TEXT NOT NULL
);
