package io.switchboard.carrier.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.WebhookMapping.WebhookReply;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps Bandwidth callbacks to the normalized model (the Bandwidth column of the state table in
 * {@code carrier-wire-formats.md}).
 *
 * <p>Voice (one JSON object, {@code eventType}): {@code initiate} → INITIATED, {@code answer} →
 * ANSWERED (answered with BXML), {@code disconnect} by {@code cause}: {@code hangup} → COMPLETED,
 * {@code busy} → BUSY, {@code timeout} → NO_ANSWER, {@code cancel} → CANCELED, {@code rejected}
 * → REJECTED, anything else ({@code error}, {@code application-error}, {@code callback-error},
 * {@code invalid-bxml}, {@code account-limit}, {@code node-capacity-exceeded}, {@code unknown},
 * new words) → FAILED, since a disconnect always ends the call. {@code sipResponseCode} and the
 * answer-to-end duration (s) are kept. Other event types are returned as unknown.
 *
 * <p>Messaging (a JSON array of objects, or one object, with {@code type}): {@code message-sending}
 * → QUEUED, {@code message-sent} → SENT, {@code message-delivered} → DELIVERED,
 * {@code message-failed} → FAILED (with {@code errorCode}); {@code message-read} and inbound types
 * are unknown. Our id: the webhook path ({@code /voice/{id}/...}), else {@code tag}
 * ({@code message.tag} for messages).
 *
 * <p>Follows https://dev.bandwidth.com/docs/voice/webhooks/answer,
 * https://dev.bandwidth.com/docs/voice/webhooks/disconnect and
 * https://dev.bandwidth.com/docs/messaging/webhooks.
 */
public final class BandwidthMapper {

    /** The pause answered to an answer callback when its URL names none, s. */
    static final int DEFAULT_PAUSE_S = 60;

    /**
     * @throws IllegalArgumentException when the body is not JSON
     */
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        JsonNode root = CarrierJson.read(webhook.body());
        String pathId = CallbackPaths.id(webhook.path());
        if (root.isArray()) {
            List<CarrierEvent> events = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (JsonNode item : root) {
                WebhookMapping one = message(item, pathId, now);
                events.addAll(one.events());
                unknown.addAll(one.unknownTypes());
            }
            return new WebhookMapping(events, unknown, null);
        }
        if (root.has("eventType")) {
            return voice(root, pathId, webhook, now);
        }
        if (root.has("type") && root.has("message")) {
            return message(root, pathId, now);
        }
        return WebhookMapping.unknown(null);
    }

    private WebhookMapping voice(JsonNode event, String pathId, InboundWebhook webhook, Instant now) {
        String type = CarrierJson.text(event, "eventType");
        String callId = CarrierJson.text(event, "callId");
        String id = pathId != null ? pathId : CarrierJson.text(event, "tag");
        Instant at = CarrierJson.instant(CarrierJson.text(event, "eventTime"), now);
        if (type == null) {
            return WebhookMapping.unknown(null);
        }
        switch (type) {
            case "initiate":
                return WebhookMapping.of(CarrierEvent.call(id, callId, CallState.INITIATED, type, callId + "/" + type, at));
            case "answer":
                return WebhookMapping.of(CarrierEvent.call(id, callId, CallState.ANSWERED, type, callId + "/" + type, at))
                        .withReply(answerBxml(webhook));
            case "disconnect":
                String cause = CarrierJson.text(event, "cause");
                String raw = "disconnect/" + cause;
                CarrierEvent ended = CarrierEvent.call(id, callId, disconnectState(cause), raw, callId + "/" + raw, at)
                        .withDetail(integer(event, "sipResponseCode"), null, duration(event));
                String errorId = CarrierJson.text(event, "errorId");
                return WebhookMapping.of(errorId == null ? ended : ended.withCarrierCode(errorId));
            default:
                return WebhookMapping.unknown(type);
        }
    }

    /** @return the state of a {@code disconnect} with {@code cause} */
    static CallState disconnectState(String cause) {
        if (cause == null) {
            return CallState.FAILED;
        }
        return switch (cause) {
            case "hangup" -> CallState.COMPLETED;
            case "busy" -> CallState.BUSY;
            case "timeout" -> CallState.NO_ANSWER;
            case "cancel" -> CallState.CANCELED;
            case "rejected" -> CallState.REJECTED;
            default -> CallState.FAILED;
        };
    }

    /**
     * The BXML answered to {@code answer}: {@code <Pause duration="N"/>} with N from the answer URL's
     * {@code pause} parameter, preceded by {@code <StartRecording/>} when it says {@code record=true}.
     */
    static WebhookReply answerBxml(InboundWebhook webhook) {
        int pause = DEFAULT_PAUSE_S;
        List<String> asked = webhook.query().get("pause");
        if (asked != null && !asked.isEmpty()) {
            try {
                pause = Math.max(1, Math.min(86_400, Integer.parseInt(asked.get(0))));
            } catch (NumberFormatException ignored) {
                pause = DEFAULT_PAUSE_S;
            }
        }
        List<String> record = webhook.query().get("record");
        String verbs = (record != null && record.contains("true") ? "<StartRecording/>" : "")
                + "<Pause duration=\"" + pause + "\"/>";
        return new WebhookReply(200, "application/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>");
    }

    private WebhookMapping message(JsonNode event, String pathId, Instant now) {
        String type = CarrierJson.text(event, "type");
        JsonNode message = event.path("message");
        String messageId = CarrierJson.text(message, "id");
        String id = pathId != null ? pathId : CarrierJson.text(message, "tag");
        Instant at = CarrierJson.instant(CarrierJson.text(event, "time"), now);
        MessageState state = type == null ? null : switch (type) {
            case "message-sending" -> MessageState.QUEUED;
            case "message-sent" -> MessageState.SENT;
            case "message-delivered" -> MessageState.DELIVERED;
            case "message-failed" -> MessageState.FAILED;
            default -> null;
        };
        if (state == null) {
            return WebhookMapping.unknown(type);
        }
        CarrierEvent mapped = CarrierEvent.message(id, messageId, state, type, messageId + "/" + type, at);
        String errorCode = CarrierJson.text(event, "errorCode");
        return WebhookMapping.of(errorCode == null ? mapped : mapped.withCarrierCode(errorCode));
    }

    private static Integer integer(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.canConvertToInt() && !value.isNull() ? value.asInt() : null;
    }

    private static Integer duration(JsonNode event) {
        Instant answered = CarrierJson.instant(CarrierJson.text(event, "answerTime"), null);
        Instant ended = CarrierJson.instant(CarrierJson.text(event, "endTime"), null);
        if (answered == null || ended == null) {
            return null;
        }
        return (int) Math.max(0, Duration.between(answered, ended).toSeconds());
    }
}
