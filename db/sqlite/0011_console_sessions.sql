-- Console sign-ins (POST /console/sign-in). The cookie names its session row; signing out ends the row, so a copy of
-- the cookie stops working at once on every instance sharing this database, not only when it expires.
CREATE TABLE console_sessions (
    id         TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at   TEXT NULL
);
CREATE INDEX ix_console_sessions_expires ON console_sessions (expires_at);
