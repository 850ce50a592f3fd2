-- Admin API for carriers (issue 8): a deleted carrier keeps its row (CDRs, attempts and decks refer
-- to it) with the time it was deleted; it is disabled for routing and has no adapter.
ALTER TABLE carriers ADD COLUMN deleted_at timestamptz;
-- Routing rules changed through the API say when.
ALTER TABLE routing_rules ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- A deck version imported with publish=false waits, 'staged', for
-- POST /v1/carriers/{id}/decks/{deck}/publish; routers load published versions only.
ALTER TABLE rate_decks DROP CONSTRAINT rate_decks_status_check;
ALTER TABLE rate_decks ADD CONSTRAINT rate_decks_status_check
    CHECK (status IN ('importing', 'staged', 'published', 'rejected', 'superseded'));
