-- Calls and messages end to end (issue 7).
-- The tenant every request acts for until API keys exist (issue 8), with its webhook signing secret.
INSERT INTO tenants (id, name, plan, webhook_secret)
VALUES ('00000000-0000-0000-0000-000000000001', 'default', 'enterprise',
        'whsec_' || replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''))
ON CONFLICT (id) DO NOTHING;

-- The finished call or message as the API shows it (the lifecycle's CallRecord), beside the columns
-- that filters use; GET /v1/calls/{id} of a finished call returns it.
ALTER TABLE calls ADD COLUMN record_json jsonb;
ALTER TABLE messages ADD COLUMN record_json jsonb;
CREATE INDEX cdrs_tenant_type_created ON cdrs (tenant_id, record_type, created_at);

-- The destination's country (ISO 3166 region of the E.164 number), for usage and costs by country.
ALTER TABLE cdrs ADD COLUMN destination_country char(2);
