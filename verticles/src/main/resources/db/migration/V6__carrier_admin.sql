-- Admin API for carriers (issue 8): a deleted carrier keeps its row (CDRs, attempts and decks refer
-- to it) with the time it was deleted; it is disabled for routing and has no adapter.
ALTER TABLE carriers ADD COLUMN deleted_at timestamptz;
-- Routing rules changed through the API say when.
ALTER TABLE routing_rules ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
