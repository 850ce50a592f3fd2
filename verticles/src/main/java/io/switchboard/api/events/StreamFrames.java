package io.switchboard.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.contract.Json;
import io.switchboard.contract.event.EventEnvelope;
import java.io.UncheckedIOException;

/**
 * The text frames of {@code GET /v1/events}, all JSON through {@link Json#mapper()}: events as
 * their {@link EventEnvelope} JSON, and the stream's own control frames, which have a
 * {@code type} and a {@code data} object but no {@code id} (they are not events and cannot be
 * resumed from):
 *
 * <ul>
 *   <li>{@code {"type":"stream.opened","data":{"filter":{"tenant_id":..,"types":[..],"call_id":..}}}}
 *       first on every connection;
 *   <li>{@code {"type":"stream.reset","data":{"reason":..}}} when {@code last_event_id} is unknown
 *       or older than the retention window;
 *   <li>{@code {"type":"stream.lagged","data":{"reason":..,"max_queued_bytes":n}}} just before the
 *       server closes a client that fell behind (close code 1008).
 * </ul>
 */
final class StreamFrames {

    static final String OPENED = "stream.opened";
    static final String RESET = "stream.reset";
    static final String LAGGED = "stream.lagged";

    /** Reason of {@code stream.reset}. */
    static final String RESET_REASON = "last_event_id unknown or older than the retention window";

    private StreamFrames() {
    }

    /** @return the envelope's JSON, e.g. {@code {"id":..,"type":..,"occurred_at":..,"tenant_id":..,"data":{..}}} */
    static String event(EventEnvelope event) {
        return write(event);
    }

    static String opened(EventFilter filter) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.set("filter", Json.mapper().valueToTree(filter));
        return control(OPENED, data);
    }

    static String reset() {
        return control(RESET, Json.mapper().createObjectNode().put("reason", RESET_REASON));
    }

    static String lagged(int maxQueuedBytes) {
        return control(LAGGED, Json.mapper().createObjectNode()
                .put("reason", "the client read too slowly; more than " + maxQueuedBytes
                        + " bytes were waiting; reconnect with last_event_id")
                .put("max_queued_bytes", maxQueuedBytes));
    }

    private static String control(String type, ObjectNode data) {
        ObjectNode frame = Json.mapper().createObjectNode().put("type", type);
        frame.set("data", data);
        return write(frame);
    }

    private static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
