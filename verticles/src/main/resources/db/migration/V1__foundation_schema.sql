-- Switchboard schema, version 1: every table the product needs, as named in DESIGN.md §6.
-- Money is NUMERIC (never floating point) with an ISO 4217 currency beside it.
-- Timestamps are timestamptz (stored UTC). Ids are UUIDs unless a human picks them (carriers).

-- ---------------------------------------------------------------- tenants and keys
CREATE TABLE tenants (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                text        NOT NULL UNIQUE,
    plan                text        NOT NULL DEFAULT 'starter'
                        CHECK (plan IN ('starter', 'growth', 'business', 'enterprise')),
    spend_cap           numeric(18, 6) CHECK (spend_cap IS NULL OR spend_cap >= 0),
    currency            char(3)     NOT NULL DEFAULT 'USD',
    limits              jsonb       NOT NULL DEFAULT '{}'::jsonb,   -- per-tenant overrides of plan limits
    webhook_url         text,
    webhook_secret      text,                                      -- HMAC key for signed webhooks
    status              text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    lookup_prefix       text        NOT NULL UNIQUE,    -- first characters of the key, to find the row
    key_hash            bytea       NOT NULL,           -- SHA-256 of the whole key; the key is shown once
    mode                text        NOT NULL CHECK (mode IN ('live', 'test')),
    scopes              text[]      NOT NULL DEFAULT '{}',
    ip_allow            cidr[],                         -- NULL: any address
    description         text,
    expires_at          timestamptz,
    revoked_at          timestamptz,
    replaced_by         uuid REFERENCES api_keys (id),  -- rotation: the old key lives until grace_until
    grace_until         timestamptz,
    last_used_at        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

-- ---------------------------------------------------------------- carriers and rate decks
CREATE TABLE carriers (
    id                  text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$'),  -- 'twilio', 'wholesale-a'
    provider            text        NOT NULL,           -- twilio, telnyx, plivo, bandwidth, vonage, sinch, exotel, sip
    display_name        text        NOT NULL,
    services            text[]      NOT NULL DEFAULT '{voice}',
    priority            integer     NOT NULL DEFAULT 10,  -- tier: lower first
    weight              integer     NOT NULL DEFAULT 100 CHECK (weight >= 0),
    enabled             boolean     NOT NULL DEFAULT true,
    sandbox             boolean     NOT NULL DEFAULT false,
    cps_limit           integer CHECK (cps_limit IS NULL OR cps_limit > 0),
    max_concurrent      integer CHECK (max_concurrent IS NULL OR max_concurrent > 0),
    settings            jsonb       NOT NULL DEFAULT '{}'::jsonb,  -- endpoints, timeouts, breaker, SIP trunk
    credentials_enc     bytea,                          -- AES-GCM ciphertext; never plaintext
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rate_decks (
    id                  bigserial PRIMARY KEY,          -- the deck version
    carrier_id          text        NOT NULL REFERENCES carriers (id),
    service             text        NOT NULL CHECK (service IN ('voice', 'sms', 'mms', 'fax')),
    status              text        NOT NULL DEFAULT 'importing'
                        CHECK (status IN ('importing', 'published', 'rejected', 'superseded')),
    source_name         text,
    source_sha256       text,
    row_count           integer     NOT NULL DEFAULT 0,
    rejected_rows       jsonb,                          -- TEL-602 report: [{row, reason}]
    currency            char(3)     NOT NULL DEFAULT 'USD',
    imported_at         timestamptz NOT NULL DEFAULT now(),
    published_at        timestamptz
);
CREATE INDEX rate_decks_carrier_service ON rate_decks (carrier_id, service, status);

CREATE TABLE rates (
    deck_id             bigint      NOT NULL REFERENCES rate_decks (id) ON DELETE CASCADE,
    prefix              text        NOT NULL CHECK (prefix ~ '^[0-9]{1,16}$'),
    destination         text        NOT NULL DEFAULT '',
    rate                numeric(14, 6) NOT NULL CHECK (rate >= 0),  -- per minute (voice) or per message
    connect_fee         numeric(14, 6) NOT NULL DEFAULT 0 CHECK (connect_fee >= 0),
    initial_increment   integer     NOT NULL DEFAULT 60 CHECK (initial_increment > 0),  -- seconds
    next_increment      integer     NOT NULL DEFAULT 60 CHECK (next_increment > 0),     -- seconds
    effective_from      timestamptz NOT NULL DEFAULT '-infinity',
    effective_until     timestamptz,
    PRIMARY KEY (deck_id, prefix, effective_from)
);

CREATE TABLE routing_rules (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid REFERENCES tenants (id) ON DELETE CASCADE,  -- NULL: applies to every tenant
    service             text CHECK (service IN ('voice', 'sms', 'mms', 'fax')),
    prefix              text CHECK (prefix ~ '^[0-9]{0,16}$'),
    policy              text        NOT NULL DEFAULT 'lcr' CHECK (policy IN ('lcr', 'weighted')),
    allowed_carriers    text[],
    denied_carriers     text[],
    max_rate            numeric(14, 6),
    failover_on_early_media boolean NOT NULL DEFAULT false,
    priority            integer     NOT NULL DEFAULT 100,
    enabled             boolean     NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_rules_tenant ON routing_rules (tenant_id, service);

-- ---------------------------------------------------------------- calls, attempts, CDRs, messages
CREATE TABLE calls (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    direction           text        NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
    from_number         text        NOT NULL,
    to_number           text        NOT NULL,
    caller_name         text,
    state               text        NOT NULL DEFAULT 'queued' CHECK (state IN
                        ('queued', 'initiated', 'ringing', 'answered', 'completed',
                         'busy', 'no_answer', 'canceled', 'rejected', 'failed')),
    carrier_id          text REFERENCES carriers (id),  -- carrier of the current or last attempt
    attempt_count       integer     NOT NULL DEFAULT 0,
    timeout_s           integer,
    record              boolean     NOT NULL DEFAULT false,
    status_callback     text,
    metadata            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    idempotency_key     text,
    failure_reason      text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    answered_at         timestamptz,
    ended_at            timestamptz,
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX calls_tenant_created ON calls (tenant_id, created_at DESC, id);

CREATE TABLE call_attempts (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    call_id             uuid        NOT NULL,           -- a call or a message id
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    service             text        NOT NULL,
    sequence            integer     NOT NULL CHECK (sequence > 0),
    carrier_id          text        NOT NULL REFERENCES carriers (id),
    carrier_call_id     text,
    deck_id             bigint,
    matched_prefix      text,
    outcome             text        NOT NULL CHECK (outcome IN
                        ('success', 'retryable_failure', 'final_failure', 'timeout', 'canceled', 'pending')),
    cause               text,
    sip_code            integer,
    q850_cause          integer,
    carrier_code        text,
    started_at          timestamptz NOT NULL,
    ended_at            timestamptz,
    pdd_ms              integer,
    UNIQUE (call_id, sequence)
);
CREATE INDEX call_attempts_carrier_started ON call_attempts (carrier_id, started_at);

-- One row per attempt and per call, partitioned by month of created_at. The partition key must
-- be part of every unique key, hence (event_key, created_at).
CREATE TABLE cdrs (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    event_key           text        NOT NULL,           -- idempotency: one row per source event
    record_type         text        NOT NULL CHECK (record_type IN ('attempt', 'call', 'message')),
    call_id             uuid        NOT NULL,
    attempt_id          uuid,
    tenant_id           uuid        NOT NULL,
    service             text        NOT NULL,
    direction           text        NOT NULL,
    from_number         text        NOT NULL,
    to_number           text        NOT NULL,
    carrier_id          text,
    carrier_call_id     text,
    deck_id             bigint,
    matched_prefix      text,
    rate                numeric(14, 6),
    connect_fee         numeric(14, 6),
    initial_increment   integer,
    next_increment      integer,
    billed_seconds      integer,
    segments            integer,                        -- SMS parts
    cost                numeric(18, 6),
    currency            char(3),
    state               text        NOT NULL,
    hangup_cause        text,
    sip_code            integer,
    q850_cause          integer,
    attempt_count       integer,
    duration_s          integer,
    created_at          timestamptz NOT NULL,
    answered_at         timestamptz,
    ended_at            timestamptz,
    written_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, created_at),
    UNIQUE (event_key, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX cdrs_tenant_created ON cdrs (tenant_id, created_at);
CREATE INDEX cdrs_carrier_created ON cdrs (carrier_id, created_at);

-- Creates the monthly partitions cdrs_YYYY_MM for `months` months starting with the month of
-- `from_day`; existing partitions are left alone. Returns how many it created.
CREATE FUNCTION switchboard_ensure_cdr_partitions(from_day date, months integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    first_day date := date_trunc('month', from_day)::date;
    made integer := 0;
    part text;
BEGIN
    FOR i IN 0 .. months - 1 LOOP
        part := format('cdrs_%s', to_char(first_day + make_interval(months => i), 'YYYY_MM'));
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF cdrs FOR VALUES FROM (%L) TO (%L)', part,
                           first_day + make_interval(months => i), first_day + make_interval(months => i + 1));
            made := made + 1;
        END IF;
    END LOOP;
    RETURN made;
END $$;

-- Rows outside every monthly partition land here rather than fail; the cdr-writer creates
-- partitions ahead of time so this stays empty in normal operation.
CREATE TABLE cdrs_default PARTITION OF cdrs DEFAULT;
SELECT switchboard_ensure_cdr_partitions((now() - interval '1 month')::date, 4);

CREATE TABLE messages (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    direction           text        NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
    from_number         text        NOT NULL,
    to_number           text        NOT NULL,
    body                text        NOT NULL,
    encoding            text        NOT NULL CHECK (encoding IN ('gsm7', 'ucs2')),
    segments            integer     NOT NULL CHECK (segments > 0),
    state               text        NOT NULL DEFAULT 'queued' CHECK (state IN
                        ('queued', 'sent', 'delivered', 'undelivered', 'failed')),
    carrier_id          text REFERENCES carriers (id),
    carrier_message_id  text,
    cost                numeric(18, 6),
    currency            char(3),
    status_callback     text,
    metadata            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    idempotency_key     text,
    error_code          text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    sent_at             timestamptz,
    delivered_at        timestamptz,
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX messages_tenant_created ON messages (tenant_id, created_at DESC, id);

-- ---------------------------------------------------------------- health
CREATE TABLE carrier_health (
    carrier_id          text PRIMARY KEY REFERENCES carriers (id) ON DELETE CASCADE,
    state               text        NOT NULL DEFAULT 'healthy'
                        CHECK (state IN ('healthy', 'degraded', 'down', 'disabled')),
    score               integer     NOT NULL DEFAULT 100 CHECK (score BETWEEN 0 AND 100),
    breaker_state       text        NOT NULL DEFAULT 'closed' CHECK (breaker_state IN ('closed', 'open', 'half_open')),
    asr                 numeric(5, 4),                  -- answer-seizure ratio, 0..1
    acd_s               numeric(10, 2),                 -- average call duration, seconds
    pdd_ms              integer,                        -- post-dial delay
    consecutive_failures integer    NOT NULL DEFAULT 0,
    last_probe_at       timestamptz,
    last_probe_ok       boolean,
    last_probe_latency_ms integer,
    reason              text,
    disabled_reason     text,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE carrier_health_log (
    id                  bigserial PRIMARY KEY,
    carrier_id          text        NOT NULL REFERENCES carriers (id) ON DELETE CASCADE,
    from_state          text,
    to_state            text        NOT NULL,
    score               integer,
    reason              text        NOT NULL,
    details             jsonb       NOT NULL DEFAULT '{}'::jsonb,  -- last codes, counters
    actor               text,                                      -- 'system' or the operator
    occurred_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX carrier_health_log_carrier ON carrier_health_log (carrier_id, occurred_at DESC);

-- ---------------------------------------------------------------- outbox and audit
CREATE TABLE webhook_outbox (
    id                  bigserial PRIMARY KEY,
    tenant_id           uuid        NOT NULL REFERENCES tenants (id),
    event_id            text        NOT NULL,
    event_type          text        NOT NULL,
    url                 text        NOT NULL,
    payload             jsonb       NOT NULL,
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    last_status         integer,
    last_error          text,
    delivered_at        timestamptz,
    dead_at             timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, url)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL;

CREATE TABLE audit_log (
    id                  bigserial PRIMARY KEY,
    tenant_id           uuid REFERENCES tenants (id),
    actor               text        NOT NULL,           -- api key id, 'cli', 'system'
    action              text        NOT NULL,           -- 'carrier.disable', 'key.revoke', ...
    target              text,
    details             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    request_id          text,
    occurred_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, occurred_at DESC);
