package io.switchboard.carrier.telnyx;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.contract.Json;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Maps a Telnyx webhook to normalized events (state-mapping table of {@code carrier-wire-formats.md}
 * section 0). Envelope: {@code {"data":{"record_type":"event","event_type":"call.hangup","id":"<uuid>",
 * "occurred_at":"...","payload":{...}},"meta":{"attempt":1,"delivered_to":"..."}}}
 * (https://developers.telnyx.com/api-reference/call-commands/dial; webhooks {@code callInitiated},
 * {@code callAnswered}, {@code callHangup}, {@code deliveryUpdate} of the OpenAPI document).
 *
 * <ul>
 *   <li>{@code call.initiated} → INITIATED; {@code call.answered} → ANSWERED (Telnyx sends no
 *       ringing event);</li>
 *   <li>{@code call.hangup} by {@code hangup_cause}: {@code normal_clearing} and {@code time_limit}
 *       (an answered call that reached {@code time_limit_secs}) → COMPLETED, {@code user_busy} →
 *       BUSY, {@code timeout}/{@code no_answer} → NO_ANSWER, {@code originator_cancel} → CANCELED,
 *       {@code call_rejected} → REJECTED, anything else ({@code not_found}, {@code unspecified}) →
 *       FAILED; a numeric {@code sip_hangup_cause} becomes the SIP code;</li>
 *   <li>{@code message.sent} → SENT; {@code message.finalized} by {@code payload.to[0].status}:
 *       {@code delivered} → DELIVERED, {@code delivery_failed}/{@code sending_failed}/{@code expired}
 *       → FAILED (the first {@code errors[].code} is kept as the carrier code); other final
 *       statuses ({@code delivery_unconfirmed}) are reported as unknown types;</li>
 *   <li>any other event type is an unknown type.</li>
 * </ul>
 *
 * <p>Our id comes from the webhook path ({@code /voice/{id}} or {@code /sms/{id}}), else from the
 * call's {@code client_state} (base64 of our call id). The dedupe key is the event id
 * ({@code data.id}), the same for a redelivered webhook.
 */
final class TelnyxEventMapper {

    private static final Map<String, CallState> HANGUP_CAUSES = Map.of(
            "normal_clearing", CallState.COMPLETED,
            "time_limit", CallState.COMPLETED,
            "user_busy", CallState.BUSY,
            "timeout", CallState.NO_ANSWER,
            "no_answer", CallState.NO_ANSWER,
            "originator_cancel", CallState.CANCELED,
            "call_rejected", CallState.REJECTED);
    private static final Map<String, MessageState> FINAL_MESSAGE_STATUSES = Map.of(
            "delivered", MessageState.DELIVERED,
            "delivery_failed", MessageState.FAILED,
            "sending_failed", MessageState.FAILED,
            "expired", MessageState.FAILED);

    private TelnyxEventMapper() {
    }

    /**
     * @param webhook a verified Telnyx webhook (JSON body)
     * @param now the time of receipt, used when {@code occurred_at} is missing
     * @return the events, or the unknown event type
     * @throws IllegalArgumentException if the body is not a JSON object with {@code data.event_type}
     */
    static WebhookMapping map(InboundWebhook webhook, Instant now) {
        JsonNode data = data(webhook.body());
        String type = data.path("event_type").asText();
        JsonNode payload = data.path("payload");
        Instant at = CarrierJson.instant(data.path("occurred_at").asText(null), now);
        String dedupeKey = data.hasNonNull("id") ? data.get("id").asText() : null;
        if (type.startsWith("call.")) {
            String id = CallbackPaths.id(webhook.path(), CallbackPaths.VOICE);
            if (id == null) {
                id = fromClientState(CarrierJson.text(payload, "client_state"));
            }
            return call(type, id, payload, dedupeKey, at);
        }
        if (type.startsWith("message.")) {
            return message(type, CallbackPaths.id(webhook.path(), CallbackPaths.SMS), payload, dedupeKey, at);
        }
        return WebhookMapping.unknown(type);
    }

    private static WebhookMapping call(String type, String id, JsonNode payload, String dedupeKey, Instant at) {
        String carrierId = CarrierJson.text(payload, "call_control_id");
        String key = dedupeKey != null ? dedupeKey : carrierId + ":" + type;
        switch (type) {
            case "call.initiated":
                return WebhookMapping.of(CarrierEvent.call(id, carrierId, CallState.INITIATED, type, key, at));
            case "call.answered":
                return WebhookMapping.of(CarrierEvent.call(id, carrierId, CallState.ANSWERED, type, key, at));
            case "call.hangup":
                String cause = CarrierJson.text(payload, "hangup_cause");
                CallState state = HANGUP_CAUSES.getOrDefault(cause, CallState.FAILED);
                return WebhookMapping.of(CarrierEvent.call(id, carrierId, state, type + "/" + cause, key, at)
                        .withDetail(sipCode(CarrierJson.text(payload, "sip_hangup_cause")), null, null));
            default:
                return WebhookMapping.unknown(type);
        }
    }

    private static WebhookMapping message(String type, String id, JsonNode payload, String dedupeKey, Instant at) {
        if (!"message.sent".equals(type) && !"message.finalized".equals(type)) {
            return WebhookMapping.unknown(type);
        }
        String carrierId = CarrierJson.text(payload, "id");
        String status = CarrierJson.text(payload.path("to").path(0), "status");
        String raw = type + "/" + status;
        String key = dedupeKey != null ? dedupeKey : carrierId + ":" + raw;
        MessageState state;
        if ("message.sent".equals(type)) {
            state = MessageState.SENT;
        } else if (FINAL_MESSAGE_STATUSES.containsKey(status)) {
            state = FINAL_MESSAGE_STATUSES.get(status);
        } else {
            return WebhookMapping.unknown(raw);
        }
        CarrierEvent event = CarrierEvent.message(id, carrierId, state, raw, key, at);
        String code = CarrierJson.text(payload.path("errors").path(0), "code");
        return WebhookMapping.of(code == null ? event : event.withCarrierCode(code));
    }

    /** @return the call id carried base64 in {@code client_state}, or null when absent or unreadable */
    static String fromClientState(String clientState) {
        if (clientState == null || clientState.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(clientState), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static JsonNode data(byte[] body) {
        try {
            JsonNode data = Json.mapper().readTree(body).path("data");
            if (!data.path("event_type").isTextual()) {
                throw new IllegalArgumentException("Telnyx webhook has no data.event_type");
            }
            return data;
        } catch (IOException | NullPointerException unreadable) {
            throw new IllegalArgumentException("Telnyx webhook body is not JSON", unreadable);
        }
    }

    private static Integer sipCode(String value) {
        if (value == null || !value.matches("[1-6]\\d\\d")) {
            return null;
        }
        return Integer.valueOf(value);
    }
}
