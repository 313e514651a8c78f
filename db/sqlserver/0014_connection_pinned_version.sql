-- An operator may pin a connection to one OCPI version (POST /admin/connections or the invitation's "version"):
-- registration and every credentials PUT then take that version or fail, instead of the highest mutual one.
ALTER TABLE dbo.connections ADD pinned_version NVARCHAR(10) NULL;
