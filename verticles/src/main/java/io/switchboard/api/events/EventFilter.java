package io.switchboard.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Which events one WebSocket client of {@code GET /v1/events} receives.
 *
 * <ul>
 *   <li>Only events of {@code tenantId}; events of other tenants are never sent.
 *   <li>System events (null tenant, e.g. {@link EventTypes#CARRIER_HEALTH_CHANGED}) only when
 *       {@code types} is not empty and names their type, exactly or by a wildcard such as
 *       {@code carrier.*}; an empty filter ("everything") does not include them.
 *   <li>{@code types}: event type names of {@link EventTypes#ALL} or prefix wildcards
 *       {@code <prefix>.*} ({@code call.*} matches {@code call.ringing} and
 *       {@code call.attempt.failed}); empty means every type of the tenant.
 *   <li>{@code callId}: when set, only events whose {@code data.call_id} or
 *       {@code data.message_id} equals it (a UUID, compared case-insensitively).
 * </ul>
 *
 * @param tenantId the authenticated tenant, required
 * @param types type names and wildcards, sorted; empty for all types
 * @param callId a call or message id (lower-case UUID), or null for any
 */
public record EventFilter(String tenantId, SortedSet<String> types, String callId) {

    /** Query parameter of the type list (comma-separated). */
    public static final String TYPES = "types";
    /** Query parameter of the call or message id. */
    public static final String CALL_ID = "call_id";

    /**
     * @throws NullPointerException if {@code tenantId} or {@code types} is null
     */
    public EventFilter {
        Objects.requireNonNull(tenantId, "tenantId");
        types = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(types, "types")));
    }

    /**
     * Validates the query parameters of {@code GET /v1/events}.
     *
     * @param tenantId the authenticated tenant
     * @param typesParam comma-separated type names or {@code <prefix>.*} wildcards; null or blank
     *     for all types
     * @param callIdParam a UUID, or null or blank for any call
     * @return the filter
     * @throws IllegalArgumentException with a message starting {@code types:} for a type that is
     *     not in {@link EventTypes#ALL} and not a wildcard of a known prefix, or {@code call_id:}
     *     for a call id that is not a UUID
     */
    public static EventFilter parse(String tenantId, String typesParam, String callIdParam) {
        SortedSet<String> types = new TreeSet<>();
        if (typesParam != null) {
            for (String raw : typesParam.split(",")) {
                String type = raw.trim();
                if (type.isEmpty()) {
                    continue;
                }
                if (!isKnown(type)) {
                    throw new IllegalArgumentException(TYPES + ": unknown event type '" + type
                            + "'; expected names such as call.answered or wildcards such as call.*");
                }
                types.add(type);
            }
        }
        String callId = null;
        if (callIdParam != null && !callIdParam.isBlank()) {
            try {
                callId = UUID.fromString(callIdParam.trim()).toString();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CALL_ID + ": expected a UUID, got '" + callIdParam + "'");
            }
        }
        return new EventFilter(tenantId, types, callId);
    }

    private static boolean isKnown(String type) {
        if (EventTypes.ALL.contains(type)) {
            return true;
        }
        if (type.length() > 2 && type.endsWith(".*")) {
            String prefix = type.substring(0, type.length() - 1); // keeps the dot: "call."
            return EventTypes.ALL.stream().anyMatch(known -> known.startsWith(prefix));
        }
        return false;
    }

    /**
     * @param event an event from the bus
     * @return whether this client receives it (see the class comment)
     */
    public boolean matches(EventEnvelope event) {
        if (event.tenantId() == null) {
            if (types.isEmpty() || !typeMatches(event.type())) {
                return false;
            }
        } else if (!event.tenantId().equals(tenantId) || !(types.isEmpty() || typeMatches(event.type()))) {
            return false;
        }
        return callId == null || callId.equalsIgnoreCase(text(event.data(), "call_id"))
                || callId.equalsIgnoreCase(text(event.data(), "message_id"));
    }

    private boolean typeMatches(String type) {
        if (types.contains(type)) {
            return true;
        }
        for (String wanted : types) {
            if (wanted.endsWith(".*") && type.startsWith(wanted.substring(0, wanted.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
