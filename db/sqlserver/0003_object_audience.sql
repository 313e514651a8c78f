-- Sessions and CDRs concern one eMSP only (the owner of the token, cdr_token.country_code/party_id): the Sender
-- lists them only to that party and pushes them only to it.
ALTER TABLE dbo.ocpi_objects ADD audience_key NVARCHAR(6) NULL;
GO
CREATE INDEX ix_ocpi_objects_audience ON dbo.ocpi_objects (module, hosted_party_id, side, audience_key, last_updated, id);
GO
