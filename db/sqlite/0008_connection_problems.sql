-- What a peer sent that we refused, and what we sent that a peer refused, per connection, for the operator to tell
-- the partner (GET /admin/connections/{id}/problems). Bounded per connection: the oldest rows are dropped.
CREATE TABLE connection_problems (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT    NOT NULL REFERENCES connections (id),
    at            TEXT    NOT NULL,
    direction     TEXT    NOT NULL,              -- 'inbound' | 'outbound'
    module        TEXT    NULL,
    object_id     TEXT    NULL,
    peer_status   TEXT    NULL,                  -- what the peer answered, or the status we answered it
    reason        TEXT    NOT NULL
);
CREATE INDEX ix_connection_problems_connection ON connection_problems (connection_id, id);
