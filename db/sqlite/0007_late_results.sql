-- A result that arrives after its request ended (timed out, rejected, failed) is kept for the operator and marked late;
-- it never changes the request's state.
ALTER TABLE sent_requests ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
