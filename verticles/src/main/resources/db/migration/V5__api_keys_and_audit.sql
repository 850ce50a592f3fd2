-- API keys, tenants and audit (issue 8).
-- Where an audited request came from (client IP address).
ALTER TABLE audit_log ADD COLUMN remote_address text;
CREATE INDEX audit_log_action ON audit_log (action, occurred_at DESC);
