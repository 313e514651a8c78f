-- ocpi_objects: the in-memory cache of OCPI objects counts on this row. SQL Server keeps no such cache (other nodes
-- write the same rows), but both databases hold the same schema.
INSERT INTO dbo.cache_generations (name, generation) VALUES ('ocpi_objects', 0);
GO
