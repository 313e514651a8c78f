-- connection_routing: the routing views every node keeps (a connection's state, its hosted and remote parties) are
-- kept until this counter moves; every change to what a view holds adds one, so another node routes by it within a
-- second.
INSERT INTO cache_generations (name, generation) VALUES ('connection_routing', 0);
