-- Console sign-ins (POST /console/sign-in). The cookie names its session row; signing out ends the row, so a copy of
-- the cookie stops working at once on every instance sharing this database, not only when it expires.
CREATE TABLE dbo.console_sessions (
    id         NVARCHAR(36) NOT NULL PRIMARY KEY,
    created_at DATETIME2    NOT NULL,
    expires_at DATETIME2    NOT NULL,
    ended_at   DATETIME2    NULL
);
CREATE INDEX ix_console_sessions_expires ON dbo.console_sessions (expires_at);
GO
