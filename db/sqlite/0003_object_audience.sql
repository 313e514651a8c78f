-- Sessions and CDRs concern one eMSP only (the owner of the token, cdr_token.country_code/party_id): the Sender
-- lists them only to that party and pushes them only to it.
ALTER TABLE ocpi_objects ADD COLUMN audience_key TEXT NULL;   -- 'DE*MSP'; NULL: every receiver may see the object
CREATE INDEX ix_ocpi_objects_audience ON ocpi_objects (module, hosted_party_id, side, audience_key, last_updated, id);
