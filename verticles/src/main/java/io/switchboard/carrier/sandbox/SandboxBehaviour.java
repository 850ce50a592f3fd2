package io.switchboard.carrier.sandbox;

import io.switchboard.config.SwitchboardConfig;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * How a sandbox carrier behaves: the odds of each call outcome, its timing, and the faults it
 * injects into its API. Changed at run time through {@code PATCH /v1/sandbox/carriers/{id}}.
 * JSON fields are the snake_case names of the components.
 *
 * @param busyPercent share of calls that end busy (SIP 486), percent
 * @param noAnswerPercent share of calls nobody answers (SIP 480), percent
 * @param failedPercent share of calls that fail (SIP 503), percent; also the share of messages
 *     that are not delivered
 * @param ringMs ring time before the outcome, ms
 * @param durationMinMs shortest answered call, ms
 * @param durationMaxMs longest answered call, ms
 * @param latencyMs added latency of every API response, ms
 * @param errorPercent share of API requests that fail with {@code errorKind}, percent
 * @param errorKind {@code server-error} (503), {@code rate-limited} (429 with Retry-After),
 *     {@code timeout} (no response) or {@code connection-refused} (connection reset)
 * @param outage full outage: the carrier's port stops listening (connections refused) until off
 */
public record SandboxBehaviour(int busyPercent, int noAnswerPercent, int failedPercent, long ringMs,
                               long durationMinMs, long durationMaxMs, long latencyMs, int errorPercent,
                               String errorKind, boolean outage) {

    /** The fault kinds. */
    public static final Set<String> ERROR_KINDS = Set.of("server-error", "rate-limited", "timeout", "connection-refused");

    /** @return the configured default behaviour, no outage */
    public static SandboxBehaviour from(SwitchboardConfig.Sandbox config) {
        return new SandboxBehaviour(config.busyPercent(), config.noAnswerPercent(), config.failedPercent(),
                config.ringMs(), config.durationMinMs(), config.durationMaxMs(), config.latencyMs(),
                config.errorPercent(), config.errorKind(), false);
    }

    /** @return the JSON form */
    public JsonObject toJson() {
        return new JsonObject().put("busy_percent", busyPercent).put("no_answer_percent", noAnswerPercent)
                .put("failed_percent", failedPercent).put("ring_ms", ringMs).put("duration_min_ms", durationMinMs)
                .put("duration_max_ms", durationMaxMs).put("latency_ms", latencyMs).put("error_percent", errorPercent)
                .put("error_kind", errorKind).put("outage", outage);
    }

    /**
     * @param patch some of the JSON fields
     * @return this behaviour with the patch applied
     * @throws IllegalArgumentException {@code "<field>: <problem>"} for an unknown field or a bad value
     */
    public SandboxBehaviour patch(JsonObject patch) {
        JsonObject merged = toJson();
        for (String field : patch.fieldNames()) {
            if (!merged.containsKey(field)) {
                throw new IllegalArgumentException(field + ": unknown field; expected one of " + merged.fieldNames());
            }
            merged.put(field, patch.getValue(field));
        }
        SandboxBehaviour next = new SandboxBehaviour(percent(merged, "busy_percent"), percent(merged, "no_answer_percent"),
                percent(merged, "failed_percent"), millis(merged, "ring_ms"), millis(merged, "duration_min_ms"),
                millis(merged, "duration_max_ms"), millis(merged, "latency_ms"), percent(merged, "error_percent"),
                kind(merged), flag(merged));
        if (next.busyPercent + next.noAnswerPercent + next.failedPercent > 100) {
            throw new IllegalArgumentException("busy_percent: busy, no-answer and failed add up to more than 100");
        }
        if (next.durationMaxMs < next.durationMinMs) {
            throw new IllegalArgumentException("duration_max_ms: below duration_min_ms");
        }
        return next;
    }

    private static int percent(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (!(value instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < 0 || n.intValue() > 100) {
            throw new IllegalArgumentException(field + ": expected a whole number from 0 to 100, got " + value);
        }
        return n.intValue();
    }

    private static long millis(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (!(value instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < 0
                || n.longValue() > 86_400_000L) {
            throw new IllegalArgumentException(field + ": expected milliseconds from 0 to 86400000, got " + value);
        }
        return n.longValue();
    }

    private static String kind(JsonObject json) {
        Object value = json.getValue("error_kind");
        if (!(value instanceof String kind) || !ERROR_KINDS.contains(kind)) {
            throw new IllegalArgumentException("error_kind: expected one of " + ERROR_KINDS + ", got " + value);
        }
        return kind;
    }

    private static boolean flag(JsonObject json) {
        Object value = json.getValue("outage");
        if (!(value instanceof Boolean on)) {
            throw new IllegalArgumentException("outage: expected true or false, got " + value);
        }
        return on;
    }
}
