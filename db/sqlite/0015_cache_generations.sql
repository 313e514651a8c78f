-- A counter per in-memory cache that every node keeps of shared data: a change that must reach the other nodes'
-- caches adds one in its own transaction, and each node reads the counter now and then and drops its cache when it
-- moved. credentials_tokens: a token revoked on one node is refused by every other within a second.
CREATE TABLE cache_generations (
    name       TEXT    NOT NULL PRIMARY KEY,
    generation INTEGER NOT NULL
);
INSERT INTO cache_generations (name, generation) VALUES ('credentials_tokens', 0);
