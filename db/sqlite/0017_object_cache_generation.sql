-- ocpi_objects: the in-memory cache of OCPI objects (SQLite only) is told by this counter that another process
-- changed objects in the same file; every transaction that writes objects adds one.
INSERT INTO cache_generations (name, generation) VALUES ('ocpi_objects', 0);
