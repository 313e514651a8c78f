-- A pending delivery is one per (connection, owning hosted party, target, module, object): one connection can carry
-- several hosted CPOs whose objects share ids, and their changes must never fold into each other.
DROP INDEX ux_deliveries_pending ON dbo.deliveries;
GO
CREATE UNIQUE INDEX ux_deliveries_pending ON dbo.deliveries (connection_id, hosted_party_id, target_key, module, object_key) WHERE state = 'pending';
GO

-- The CPO's check for an RFID token the eMSP just started a session for reads its recent START_SESSIONs.
CREATE INDEX ix_received_requests_type ON dbo.received_requests (hosted_party_id, module, type, created_at);
GO
