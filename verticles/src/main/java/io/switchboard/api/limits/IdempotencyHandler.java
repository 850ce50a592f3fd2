package io.switchboard.api.limits;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.http.ErrorResponses;
import io.switchboard.http.ResponseCapture;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on the API's {@code POST} requests (Stripe's semantics): the same key of
 * the same tenant with the same request (SHA-256 of method, path with query, and body) within
 * {@code limits.idempotency-ttl-ms} gets the first response again (status, content type and body,
 * plus {@code Idempotent-Replayed: true}), from any node, even while the first is still running (the
 * duplicate waits for it, up to {@code limits.idempotency-wait-ms}, then gets 409 TEL-012 "in
 * progress"). The same key with another request is 409 TEL-012. A key is 1–255 visible ASCII
 * characters, else 400 TEL-011 naming the header.
 *
 * <p>Every response of an executed request is kept, errors included, except a 429 (the request was
 * refused by a limit before doing anything, so a retry with the same key may run). Mount after the
 * body handler and authentication, and before the rate limits, so replays do not spend tokens.
 * Requests without the header, and other methods, pass untouched.
 */
public final class IdempotencyHandler implements Handler<RoutingContext> {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** The header marking a replayed response. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyHandler.class);
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotencyStore store;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    /**
     * @param store the cluster-wide records
     * @param registry where {@code switchboard.api.idempotency{result=executed|replayed|conflict|in_progress}}
     *     is counted
     */
    public IdempotencyHandler(IdempotencyStore store, io.micrometer.core.instrument.MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null || !HttpMethod.POST.equals(ctx.request().method())) {
            ctx.next();
            return;
        }
        if (!VALID.matcher(key).matches()) {
            ErrorResponses.send(ctx, ErrorCode.TEL_011, 400, HEADER + ": expected 1 to 255 visible ASCII characters",
                    Map.of("field", HEADER));
            return;
        }
        String scoped = IdempotencyStore.scoped(ApiPrincipal.of(ctx).tenantId(), key);
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        String fingerprint = fingerprint(ctx.request().method().name(), ctx.request().uri(), body);
        store.begin(scoped, fingerprint).onComplete(result -> {
            if (result.failed()) {
                LOG.warn("idempotency store unavailable for key {}: {}", key, result.cause().toString());
                ErrorResponses.send(ctx, ErrorCode.TEL_007, 504, "the idempotency key could not be checked; retry",
                        Map.of("field", HEADER));
                return;
            }
            IdempotencyStore.Outcome outcome = result.result();
            registry.counter("switchboard.api.idempotency", "result", outcome instanceof IdempotencyStore.Execute ? "executed"
                    : outcome instanceof IdempotencyStore.Replay ? "replayed"
                    : outcome instanceof IdempotencyStore.Conflict ? "conflict" : "in_progress").increment();
            if (outcome instanceof IdempotencyStore.Execute execute) {
                execute(ctx, execute);
            } else if (outcome instanceof IdempotencyStore.Replay replay) {
                ctx.response().putHeader(REPLAYED, "true").setStatusCode(replay.status());
                if (replay.contentType() != null) {
                    ctx.response().putHeader("Content-Type", replay.contentType());
                }
                ctx.response().end(replay.body());
            } else if (outcome instanceof IdempotencyStore.Conflict) {
                ErrorResponses.send(ctx, ErrorCode.TEL_012, 409, HEADER + " '" + key
                        + "' was used with a different request", Map.of("field", HEADER));
            } else {
                ErrorResponses.send(ctx, ErrorCode.TEL_012, 409, "a request with " + HEADER + " '" + key
                        + "' is still in progress; retry later", Map.of("field", HEADER, "in_progress", true));
            }
        });
    }

    private void execute(RoutingContext ctx, IdempotencyStore.Execute execute) {
        AtomicBoolean settled = new AtomicBoolean();
        ResponseCapture.listen(ctx, response -> {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            (response.status() == 429 ? store.abandon(execute)
                    : store.complete(execute, response.status(), response.contentType(), response.body()))
                    .onFailure(e -> LOG.warn("idempotency store: cannot settle {}: {}", execute.key(), e.toString()));
        });
        ctx.addEndHandler(end -> {
            if (!ctx.response().closed() && settled.compareAndSet(false, true)) {
                LOG.warn("{} {} answered without the API's writers: its idempotency key is not kept",
                        ctx.request().method(), ctx.request().path());
                store.abandon(execute);
            }
        });
        ctx.next();
    }

    /**
     * @param method the HTTP method
     * @param uri the path with its query
     * @param body the body, or null
     * @return the hex SHA-256 of {@code method SP uri LF body}
     */
    static String fingerprint(String method, String uri, Buffer body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + uri + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                sha.update(body.getBytes());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
