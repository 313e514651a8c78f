-- The Sender lists show only listed objects (visible and published, L3/L4). With both flags in the index, the
-- X-Total-Count of every page is counted from the index alone, and a page is read in order without testing rows
-- that are not shown.
CREATE INDEX ix_ocpi_objects_listed ON ocpi_objects (module, hosted_party_id, side, visible, published, last_updated, id);
