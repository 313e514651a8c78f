-- OCPI objects (locations, tariffs, later sessions, CDRs, tokens) of every hosted party, the deliveries that push
-- changes to peers, and the state of pull resyncs.

-- One row per object a hosted party owns ('own': what it publishes as data owner) or received from a peer
-- ('received'). The document is the OCPI JSON; the other columns are the keys and filters queries need.
CREATE TABLE ocpi_objects (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    module          TEXT    NOT NULL,              -- 'locations' | 'tariffs' | …
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),
    side            TEXT    NOT NULL,              -- 'own' | 'received'
    owner_key       TEXT    NOT NULL,              -- data owner 'NL*CPO' (upper-case)
    object_key      TEXT    NOT NULL,              -- object id, upper-case (CiString)
    object_id       TEXT    NOT NULL,              -- object id as sent
    published       INTEGER NOT NULL DEFAULT 1,    -- Location.publish
    visible         INTEGER NOT NULL DEFAULT 1,    -- 0: a location whose EVSEs are all REMOVED (hidden from lists)
    last_updated    TEXT    NOT NULL,
    document        TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_ocpi_objects_key ON ocpi_objects (module, hosted_party_id, side, owner_key, object_key);
CREATE INDEX ix_ocpi_objects_page ON ocpi_objects (module, hosted_party_id, side, last_updated, id);

ALTER TABLE outbox ADD COLUMN detail TEXT NULL;           -- e.g. the EVSE uid of a status-only change
ALTER TABLE outbox ADD COLUMN correlation_id TEXT NULL;   -- X-Correlation-ID of the change, carried to the push

-- One push of one object to one target party over one connection. A newer change to the same object for the
-- same target folds into the pending row (coalescing), so a peer never gets stale state after fresh state.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id   TEXT    NOT NULL REFERENCES connections (id),
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),   -- the data owner sending it
    target_key      TEXT    NOT NULL,              -- 'DE*MSP'
    target_role     TEXT    NOT NULL,
    module          TEXT    NOT NULL,
    object_key      TEXT    NOT NULL,
    operation       TEXT    NOT NULL,              -- 'put' | 'patch_status' | 'delete'
    detail          TEXT    NULL,
    state           TEXT    NOT NULL,              -- 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled'
    attempts        INTEGER NOT NULL DEFAULT 0,
    changes         INTEGER NOT NULL DEFAULT 1,    -- changes folded into this delivery
    last_error      TEXT    NULL,
    next_attempt_at TEXT    NOT NULL,
    lease_until     TEXT    NULL,                  -- a job was enqueued or is sending until then
    correlation_id  TEXT    NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    delivered_at    TEXT    NULL
);
CREATE UNIQUE INDEX ux_deliveries_pending ON deliveries (connection_id, target_key, module, object_key) WHERE state = 'pending';
CREATE INDEX ix_deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX ix_deliveries_connection ON deliveries (connection_id, state);

-- Where each pull resync of a connection got to, per hosted receiver, remote owner and module.
CREATE TABLE sync_state (
    connection_id   TEXT    NOT NULL REFERENCES connections (id),
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),
    remote_key      TEXT    NOT NULL,
    module          TEXT    NOT NULL,
    synced_until    TEXT    NULL,                  -- date_from of the next pull
    last_attempt_at TEXT    NULL,
    last_error      TEXT    NULL,
    PRIMARY KEY (connection_id, hosted_party_id, remote_key, module)
);
