-- Rate decks: a supplier's "Closed" row withdraws a code from its effective date on.
ALTER TABLE rates ADD COLUMN closed boolean NOT NULL DEFAULT false;

-- Every routing decision (the plan and, once tried, its outcome), written in batches by routers.
CREATE TABLE routing_log (
    id                  bigserial PRIMARY KEY,
    request_id          text        NOT NULL,
    tenant_id           uuid,
    service             text        NOT NULL,
    destination         text        NOT NULL,           -- E.164
    policy              text        NOT NULL,
    plan                jsonb       NOT NULL,           -- candidates and excluded candidates, with reasons
    outcome             text,                           -- 'routed', 'no_route', 'all_failed', NULL: plan only
    carrier_id          text,                           -- the carrier that accepted, if any
    attempts            integer     NOT NULL DEFAULT 0,
    decision_micros     integer     NOT NULL,
    node_id             text        NOT NULL,
    decided_at          timestamptz NOT NULL
);
CREATE INDEX routing_log_decided ON routing_log (decided_at);
CREATE INDEX routing_log_destination ON routing_log (destination, decided_at);

-- Tenant routing rules: a preferred carrier (used first while healthy). A rule with a prefix is a
-- static route: its allowed_carriers are tried first, in their order, for numbers under the prefix.
ALTER TABLE routing_rules ADD COLUMN preferred_carrier text;
