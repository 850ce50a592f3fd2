package io.switchboard.contract.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contract.Json;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope of every event (event bus, WebSocket {@code /v1/events}, Kafka, webhooks),
 * DESIGN section 4: {@code {"id":..,"type":..,"occurred_at":..,"tenant_id":..,"data":{..}}}
 * through {@link Json#mapper()}; {@code tenant_id} is omitted when null.
 *
 * <p>{@code data} is a JSON object; the constructor keeps a deep copy, and callers must not modify
 * the node returned by {@link #data()}.
 *
 * @param id unique event id (a UUID from {@link #of}); consumers deduplicate on it
 * @param type the event type, one of {@link EventTypes} (others are allowed for extensions)
 * @param occurredAt when the event happened (UTC), not when it was published
 * @param tenantId the tenant the event belongs to, or null for system events such as
 *     {@link EventTypes#CARRIER_HEALTH_CHANGED}
 * @param data the payload, a JSON object
 */
public record EventEnvelope(String id, String type, Instant occurredAt, String tenantId,
        JsonNode data) {

    /**
     * Validates the components.
     *
     * @param id unique event id (a UUID from {@link #of}); consumers deduplicate on it
     * @param type the event type, one of {@link EventTypes} (others are allowed for extensions)
     * @param occurredAt when the event happened (UTC), not when it was published
     * @param tenantId the tenant the event belongs to, or null for system events such as
     *     {@link EventTypes#CARRIER_HEALTH_CHANGED}
     * @param data the payload, a JSON object
     * @throws NullPointerException if {@code id}, {@code type}, {@code occurredAt} or {@code data}
     *     is null
     * @throws IllegalArgumentException if {@code id} or {@code type} is blank or {@code data} is
     *     not a JSON object
     */
    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
        if (id.isBlank() || type.isBlank()) {
            throw new IllegalArgumentException("event id and type must not be blank");
        }
        if (!data.isObject()) {
            throw new IllegalArgumentException("event data must be a JSON object, not "
                    + data.getNodeType());
        }
        data = data.deepCopy();
    }

    /**
     * A new event with a random UUID id.
     *
     * @param type the event type, e.g. {@link EventTypes#CALL_ANSWERED}
     * @param occurredAt when it happened (UTC)
     * @param tenantId the tenant, or null for a system event
     * @param data a record, map or {@link JsonNode} that maps to a JSON object through
     *     {@link Json#mapper()}
     * @return the event
     * @throws IllegalArgumentException if {@code data} does not map to a JSON object
     */
    public static EventEnvelope of(String type, Instant occurredAt, String tenantId, Object data) {
        JsonNode node = Json.mapper().valueToTree(Objects.requireNonNull(data, "data"));
        return new EventEnvelope(UUID.randomUUID().toString(), type, occurredAt, tenantId, node);
    }

    /**
     * Reads the payload as a contract type.
     *
     * @param <T> the payload type
     * @param type the payload class, e.g. {@code Attempt.class}
     * @return the payload
     * @throws IllegalArgumentException if the payload does not map to {@code type}
     */
    public <T> T dataAs(Class<T> type) {
        try {
            return Json.mapper().treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "event " + id + " data is not a " + type.getSimpleName(), e);
        }
    }
}
