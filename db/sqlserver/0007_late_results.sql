-- A result that arrives after its request ended (timed out, rejected, failed) is kept for the operator and marked late;
-- it never changes the request's state.
ALTER TABLE dbo.sent_requests ADD late BIT NOT NULL CONSTRAINT df_sent_requests_late DEFAULT 0;
GO
