-- Rate decks are bulk-loaded with COPY (300k rows for wholesale-a). Measured on PostgreSQL 17
-- here: the per-row foreign-key trigger cost 2.2 s of such a COPY and the text primary key 1.2 s;
-- with an index on deck_id alone the COPY takes 1.0 s. Both guarantees stay with the importer:
-- it validates one row per (prefix, effective_from) in a version before storing any row, and it
-- writes rows only for a version it has just created (a rejected version's rows are deleted).
-- Rows are read by version (router load, diff), so deck_id is the index they need.
ALTER TABLE rates DROP CONSTRAINT rates_pkey;
ALTER TABLE rates DROP CONSTRAINT rates_deck_id_fkey;
CREATE INDEX rates_deck ON rates (deck_id);
