-- Every version of an object whose old versions still matter: a CDR is priced with the tariff as it was at session
-- start (2.2.1 mod_cdrs), so a tariff changed (or deleted) later must still be found as it was. Kept per copy, like
-- ocpi_objects; one row per (copy, last_updated), the newest content for a repeated last_updated.
CREATE TABLE object_versions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    module          TEXT    NOT NULL,              -- 'tariffs'
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),
    side            TEXT    NOT NULL,              -- 'own' | 'received'
    owner_key       TEXT    NOT NULL,
    object_key      TEXT    NOT NULL,
    last_updated    TEXT    NOT NULL,
    document        TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_object_versions_key ON object_versions (module, hosted_party_id, side, owner_key, object_key, last_updated);

-- What a hosted eMSP's check of a received CDR against the CPO's tariff found: 'match' | 'mismatch' | 'unverifiable',
-- with the expected and charged amounts and the reason (document, JSON).
CREATE TABLE cdr_audits (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),   -- the eMSP
    owner_key       TEXT    NOT NULL,              -- the CPO
    object_key      TEXT    NOT NULL,              -- the CDR id, upper-case
    result          TEXT    NOT NULL,
    document        TEXT    NOT NULL,
    audited_at      TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_cdr_audits_key ON cdr_audits (hosted_party_id, owner_key, object_key);
CREATE INDEX ix_cdr_audits_result ON cdr_audits (hosted_party_id, result);
