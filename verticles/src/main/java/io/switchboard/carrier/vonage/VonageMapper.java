package io.switchboard.carrier.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Maps Vonage webhooks to the normalized model (the Vonage column of the state table in
 * {@code carrier-wire-formats.md}).
 *
 * <p>Voice events (JSON, {@code status}): {@code started} → INITIATED, {@code ringing} → RINGING,
 * {@code answered} → ANSWERED, {@code completed} → COMPLETED (with {@code duration}, s),
 * {@code busy} → BUSY, {@code timeout} and {@code unanswered} → NO_ANSWER, {@code cancelled} →
 * CANCELED, {@code rejected} → REJECTED, {@code failed} → FAILED; {@code sip_code} is kept. Other
 * statuses ({@code machine}, {@code human}, {@code transfer}, {@code input}, {@code disconnected})
 * and events without one (recording) are unknown.
 *
 * <p>SMS delivery receipts ({@code /sms/...}): {@code delivered} → DELIVERED, {@code accepted}
 * and {@code buffered} → SENT, {@code expired}, {@code failed} and {@code rejected} → FAILED (with
 * {@code err-code}); {@code unknown} is unknown. Our id: the path ({@code /voice/{id}},
 * {@code /sms/{id}}), else {@code client-ref}.
 *
 * <p>Follows https://developer.vonage.com/en/voice/voice-api/webhook-reference#event-webhook and
 * https://developer.vonage.com/en/messaging/sms/guides/delivery-receipts.
 */
public final class VonageMapper {

    private static final DateTimeFormatter DLR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** @throws IllegalArgumentException when the body cannot be read */
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        String path = webhook.path() == null ? "" : webhook.path();
        return path.startsWith("/sms") ? receipt(webhook, now) : voice(webhook, path, now);
    }

    private WebhookMapping voice(InboundWebhook webhook, String path, Instant now) {
        JsonNode event = CarrierJson.read(webhook.body());
        String status = CarrierJson.text(event, "status");
        CallState state = status == null ? null : callState(status);
        if (state == null) {
            return WebhookMapping.unknown(status == null ? (path.endsWith("/recording") ? "recording" : null) : status);
        }
        String uuid = CarrierJson.text(event, "uuid");
        String id = CallbackPaths.id(path);
        Instant at = CarrierJson.instant(CarrierJson.text(event, "timestamp"), now);
        CarrierEvent mapped = CarrierEvent.call(id, uuid, state, status, uuid + "/" + status, at);
        Integer sip = integer(CarrierJson.text(event, "sip_code"));
        Integer duration = state == CallState.COMPLETED ? integer(CarrierJson.text(event, "duration")) : null;
        return WebhookMapping.of(sip == null && duration == null ? mapped : mapped.withDetail(sip, null, duration));
    }

    /** @return the state of a voice event {@code status}, or null when it is not a state change */
    static CallState callState(String status) {
        return switch (status) {
            case "started" -> CallState.INITIATED;
            case "ringing" -> CallState.RINGING;
            case "answered" -> CallState.ANSWERED;
            case "completed" -> CallState.COMPLETED;
            case "busy" -> CallState.BUSY;
            case "timeout", "unanswered" -> CallState.NO_ANSWER;
            case "cancelled" -> CallState.CANCELED;
            case "rejected" -> CallState.REJECTED;
            case "failed" -> CallState.FAILED;
            default -> null;
        };
    }

    private WebhookMapping receipt(InboundWebhook webhook, Instant now) {
        Map<String, String> params = VonageJson.params(webhook);
        String status = params.get("status");
        MessageState state = status == null ? null : switch (status) {
            case "delivered" -> MessageState.DELIVERED;
            case "accepted", "buffered" -> MessageState.SENT;
            case "expired", "failed", "rejected" -> MessageState.FAILED;
            default -> null;
        };
        if (state == null) {
            return WebhookMapping.unknown(status);
        }
        String messageId = params.get("messageId");
        String pathId = CallbackPaths.id(webhook.path());
        String id = pathId != null ? pathId : params.get("client-ref");
        CarrierEvent mapped = CarrierEvent.message(id, messageId, state, status, messageId + "/" + status,
                dlrTime(params.get("message-timestamp"), now));
        String error = params.get("err-code");
        return WebhookMapping.of(error == null || error.equals("0") ? mapped : mapped.withCarrierCode(error));
    }

    private static Instant dlrTime(String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(text.trim(), DLR_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
