package io.switchboard.webhooks;

import io.switchboard.config.SwitchboardConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox ({@code webhook_outbox}): every {@code cdr.webhook-poll-interval-ms}
 * it claims due deliveries ({@code FOR UPDATE SKIP LOCKED}, so several nodes never send the same
 * one at once; a claim is a 5-minute lease), POSTs each payload (the event envelope, JSON) with the
 * headers {@code Switchboard-Signature} ({@link WebhookSignature}: {@code t=<unix>,v1=<hex
 * HMAC-SHA256(tenant secret, t + "." + body)>}), {@code Switchboard-Event-Id} and
 * {@code Switchboard-Event-Type}, and records the answer: a 2xx is delivered; anything else (or a
 * time-out, {@code cdr.webhook-timeout-ms}) is tried again after {@link DeliverySchedule#standard()}
 * (equal jitter, 8 attempts over about 22 h), then dead-lettered ({@code dead_at}). At most
 * {@code cdr.webhook-concurrency} deliveries are in flight per node, each with its own time-out, so
 * a slow receiver never holds the others.
 */
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private static final String CLAIM = """
            UPDATE webhook_outbox o SET next_attempt_at = now() + interval '5 minutes', attempts = o.attempts + 1
            FROM (SELECT id FROM webhook_outbox
                  WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due, tenants t
            WHERE o.id = due.id AND t.id = o.tenant_id
            RETURNING o.id, o.url, o.payload, o.event_id, o.event_type, o.attempts, t.webhook_secret""";

    private final Vertx vertx;
    private final Pool pool;
    private final SwitchboardConfig.Cdr settings;
    private final DeliverySchedule schedule = DeliverySchedule.standard();
    private final RandomGenerator random = RandomGenerator.getDefault();
    private WebClient client;
    private long timer = -1;
    private int inFlight;
    private boolean polling;

    /**
     * @param vertx the node's Vert.x
     * @param pool the PostgreSQL pool
     * @param settings timeouts, poll interval and concurrency
     */
    public WebhookDispatcher(Vertx vertx, Pool pool, SwitchboardConfig.Cdr settings) {
        this.vertx = vertx;
        this.pool = pool;
        this.settings = settings;
    }

    /** Starts polling. */
    public void start() {
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) settings.webhookTimeoutMs())
                .setIdleTimeout(30).setUserAgent("Switchboard-Webhooks/1"));
        timer = vertx.setPeriodic(settings.webhookPollIntervalMs(), id -> poll());
    }

    /** Stops polling; deliveries in flight end on their own. */
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (client != null) {
            client.close();
        }
    }

    private void poll() {
        int free = settings.webhookConcurrency() - inFlight;
        if (polling || free <= 0) {
            return;
        }
        polling = true;
        pool.preparedQuery(CLAIM).execute(Tuple.of(free))
                .onComplete(result -> {
                    polling = false;
                    if (result.failed()) {
                        LOG.debug("webhooks: cannot claim deliveries: {}", result.cause().getMessage());
                        return;
                    }
                    for (Row row : result.result()) {
                        deliver(row);
                    }
                });
    }

    private void deliver(Row row) {
        inFlight++;
        long id = row.getLong("id");
        int attempts = row.getInteger("attempts");
        String body = ((JsonObject) row.getValue("payload")).encode();
        String secret = row.getString("webhook_secret");
        var request = client.postAbs(row.getString("url")).timeout(settings.webhookTimeoutMs())
                .putHeader("Content-Type", "application/json")
                .putHeader("Switchboard-Event-Id", row.getString("event_id"))
                .putHeader("Switchboard-Event-Type", row.getString("event_type"));
        if (secret != null && !secret.isEmpty()) {
            request.putHeader(WebhookSignature.HEADER, WebhookSignature.header(secret, Instant.now().getEpochSecond(), body));
        }
        Future<Integer> status;
        try {
            status = request.sendBuffer(Buffer.buffer(body)).map(r -> r.statusCode());
        } catch (RuntimeException e) {
            status = Future.failedFuture(e);
        }
        status.onComplete(answer -> {
            inFlight--;
            if (answer.succeeded() && answer.result() / 100 == 2) {
                record(id, "UPDATE webhook_outbox SET delivered_at = now(), last_status = $2, last_error = NULL WHERE id = $1",
                        Tuple.of(id, answer.result()));
                return;
            }
            String error = answer.succeeded() ? "HTTP " + answer.result() : String.valueOf(answer.cause().getMessage());
            Integer code = answer.succeeded() ? answer.result() : null;
            Optional<Duration> next = schedule.nextDelay(attempts, random);
            if (next.isPresent()) {
                record(id, "UPDATE webhook_outbox SET next_attempt_at = now() + $2 * interval '1 millisecond', "
                        + "last_status = $3, last_error = $4 WHERE id = $1",
                        Tuple.of(id, next.get().toMillis(), code, error));
            } else {
                LOG.warn("webhooks: delivery {} dead after {} attempts: {}", id, attempts, error);
                record(id, "UPDATE webhook_outbox SET dead_at = now(), last_status = $2, last_error = $3 WHERE id = $1",
                        Tuple.of(id, code, error));
            }
        });
    }

    private void record(long id, String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).onFailure(e ->
                LOG.warn("webhooks: cannot record the result of delivery {}: {}", id, e.getMessage()));
    }
}
