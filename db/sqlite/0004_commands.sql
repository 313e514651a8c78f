-- Commands and charging profiles are asynchronous (2.2.1 mod_commands, mod_charging_profiles): the answer to the
-- request only says whether it could be forwarded; the outcome comes later, POSTed to the sender's response_url.
-- These tables keep both ends of that exchange across restarts.

-- What a hosted CPO received: kept so that the charger's answer, arriving later, finds the request, its sender
-- and the connection the result must go back over.
CREATE TABLE received_requests (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),   -- the CPO
    connection_id   TEXT    NOT NULL REFERENCES connections (id),
    sender_key      TEXT    NOT NULL,              -- 'DE*MSP'
    module          TEXT    NOT NULL,              -- 'commands' | 'chargingprofiles'
    type            TEXT    NOT NULL,              -- 'START_SESSION' … | 'SET' | 'GET' | 'CLEAR'
    object_key      TEXT    NULL,                  -- the session a request is about (upper-case), if any
    response_url    TEXT    NOT NULL,
    document        TEXT    NOT NULL,              -- the request as received
    response        TEXT    NULL,                  -- what was answered at once
    result          TEXT    NULL,                  -- the charger's outcome, once known
    charger_ref     TEXT    NULL,                  -- e.g. the reservation id the charger was given (M5)
    correlation_id  TEXT    NULL,                  -- X-Correlation-ID of the request, carried to its result
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX ix_received_requests_object ON received_requests (hosted_party_id, module, object_key, created_at);

-- Results and updates a hosted CPO owes a peer, each POSTed or PUT to the URL the peer chose, with retries.
CREATE TABLE result_posts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),   -- the CPO sending it
    connection_id   TEXT    NOT NULL REFERENCES connections (id),
    target_key      TEXT    NOT NULL,              -- 'DE*MSP'
    module          TEXT    NOT NULL,
    request_id      INTEGER NULL REFERENCES received_requests (id),
    method          TEXT    NOT NULL,              -- 'POST' | 'PUT'
    url             TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    state           TEXT    NOT NULL,              -- 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled'
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NULL,
    next_attempt_at TEXT    NOT NULL,
    lease_until     TEXT    NULL,
    correlation_id  TEXT    NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    delivered_at    TEXT    NULL
);
CREATE INDEX ix_result_posts_due ON result_posts (state, next_attempt_at);

-- What a hosted eMSP sent to a CPO and is waiting on: the CPO's answer, then the result at our response_url.
CREATE TABLE sent_requests (
    id              TEXT    NOT NULL PRIMARY KEY,  -- also the last segment of our response_url
    hosted_party_id INTEGER NOT NULL REFERENCES parties (id),   -- the eMSP
    module          TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    cpo_key         TEXT    NOT NULL,              -- 'NL*CPO'
    connection_id   TEXT    NULL REFERENCES connections (id),   -- NULL: no connection reaches the CPO
    object_id       TEXT    NULL,                  -- the session a request is about, if any
    document        TEXT    NOT NULL,              -- the request as sent, response_url included
    state           TEXT    NOT NULL,              -- 'sent' | 'accepted' | 'rejected' | 'result_received' | 'timed_out' | 'failed'
    reason          TEXT    NULL,
    response        TEXT    NULL,
    result          TEXT    NULL,
    timeout_at      TEXT    NULL,
    dispatched_at   TEXT    NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX ix_sent_requests_party ON sent_requests (hosted_party_id, module, object_id, created_at);
CREATE INDEX ix_sent_requests_state ON sent_requests (state, timeout_at);
