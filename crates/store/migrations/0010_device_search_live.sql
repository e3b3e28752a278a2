-- A text search of the device list counts its matches and orders them without reading
-- every matching device row (a search that matches a tenth of the fleet read a thousand
-- rows twice, once to count and once to sort; reading a row by its id costs ten times
-- what scanning one in order does).
-- The soft-deleted devices are few: the count takes them away from the index's matches.
CREATE INDEX devices_deleted ON devices(deleted_at) WHERE deleted_at IS NOT NULL;
-- The live devices of a site, without reading each one to see whether it is deleted.
CREATE INDEX devices_live_site ON devices(site_id) WHERE deleted_at IS NULL;
-- Live devices in serial order: a search with many matches walks this index and keeps
-- the ids the text index found, stopping once the page is full.
CREATE INDEX devices_live_serial ON devices(serial) WHERE deleted_at IS NULL;
