package io.switchboard.carrier.sinch;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.WebhookMapping.WebhookReply;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Instant;

/**
 * Maps Sinch callbacks to the normalized model (the Sinch column of the state table in
 * {@code carrier-wire-formats.md}).
 *
 * <p>Voice callbacks ({@code event}): {@code ace} → ANSWERED, answered with the SVAML
 * {@code {"action":{"name":"continue"}}} so the callout goes on; {@code dice} → by {@code reason}
 * {@code CANCEL} → CANCELED, else by {@code result}: {@code ANSWERED} → COMPLETED (with
 * {@code duration}, s), {@code BUSY} → BUSY, {@code NOANSWER} → NO_ANSWER, {@code FAILED} and
 * anything else → FAILED (a DiCE always ends the call; Sinch reports a declined call as
 * {@code FAILED} too, so REJECTED cannot be told apart). {@code ice} (an inbound call, which
 * Switchboard does not take) is unknown and answered with SVAML {@code hangup}; {@code pie} and
 * {@code notify} are unknown. Our id: the path, else {@code custom}.
 *
 * <p>SMS delivery reports ({@code type} {@code recipient_delivery_report_sms|mms}): {@code Queued}
 * → QUEUED, {@code Dispatched} → SENT, {@code Delivered} → DELIVERED, {@code Aborted},
 * {@code Cancelled}, {@code Failed}, {@code Expired}, {@code Rejected}, {@code Deleted} → FAILED
 * (with {@code code}); {@code Unknown} and other types are unknown. Our id: the path
 * ({@code /sms/{id}}), else {@code client_reference}.
 *
 * <p>Follows https://developers.sinch.com/docs/voice/api-reference/voice/tag/Callbacks and
 * https://developers.sinch.com/docs/sms/api-reference/sms/tag/Delivery-reports.
 */
public final class SinchMapper {

    static final WebhookReply CONTINUE = new WebhookReply(200, "application/json", "{\"action\":{\"name\":\"continue\"}}");
    static final WebhookReply HANGUP = new WebhookReply(200, "application/json", "{\"action\":{\"name\":\"hangup\"}}");

    /** @throws IllegalArgumentException when the body is not JSON */
    public WebhookMapping map(InboundWebhook webhook, Instant now) {
        JsonNode body = CarrierJson.read(webhook.body());
        String pathId = CallbackPaths.id(webhook.path());
        if (body.has("event")) {
            return voice(body, pathId, now);
        }
        return report(body, pathId, now);
    }

    private WebhookMapping voice(JsonNode body, String pathId, Instant now) {
        String event = CarrierJson.text(body, "event");
        String callId = CarrierJson.text(body, "callid") != null ? CarrierJson.text(body, "callid")
                : CarrierJson.text(body, "callId");
        String id = pathId != null ? pathId : CarrierJson.text(body, "custom");
        Instant at = timestamp(CarrierJson.text(body, "timestamp"), now);
        if ("ace".equals(event)) {
            return WebhookMapping.of(CarrierEvent.call(id, callId, CallState.ANSWERED, "ace", callId + "/ace", at))
                    .withReply(CONTINUE);
        }
        if ("dice".equals(event)) {
            String result = CarrierJson.text(body, "result");
            String reason = CarrierJson.text(body, "reason");
            CallState state = diceState(result, reason);
            String raw = "dice/" + result + "/" + reason;
            Integer duration = state == CallState.COMPLETED && body.path("duration").canConvertToInt()
                    ? body.path("duration").asInt() : null;
            return WebhookMapping.of(CarrierEvent.call(id, callId, state, raw, callId + "/dice", at)
                    .withDetail(null, null, duration));
        }
        WebhookMapping unknown = WebhookMapping.unknown(event);
        return "ice".equals(event) ? unknown.withReply(HANGUP) : unknown;
    }

    /** @return the state a DiCE with {@code result} and {@code reason} reports */
    static CallState diceState(String result, String reason) {
        if ("CANCEL".equals(reason)) {
            return CallState.CANCELED;
        }
        if (result == null) {
            return CallState.FAILED;
        }
        return switch (result) {
            case "ANSWERED" -> CallState.COMPLETED;
            case "BUSY" -> CallState.BUSY;
            case "NOANSWER" -> CallState.NO_ANSWER;
            default -> CallState.FAILED;
        };
    }

    private WebhookMapping report(JsonNode body, String pathId, Instant now) {
        String type = CarrierJson.text(body, "type");
        if (!"recipient_delivery_report_sms".equals(type) && !"recipient_delivery_report_mms".equals(type)) {
            return WebhookMapping.unknown(type);
        }
        String status = CarrierJson.text(body, "status");
        MessageState state = status == null ? null : switch (status) {
            case "Queued" -> MessageState.QUEUED;
            case "Dispatched" -> MessageState.SENT;
            case "Delivered" -> MessageState.DELIVERED;
            case "Aborted", "Cancelled", "Failed", "Expired", "Rejected", "Deleted" -> MessageState.FAILED;
            default -> null;
        };
        if (state == null) {
            return WebhookMapping.unknown(type + "/" + status);
        }
        String batchId = CarrierJson.text(body, "batch_id");
        String id = pathId != null ? pathId : CarrierJson.text(body, "client_reference");
        CarrierEvent event = CarrierEvent.message(id, batchId, state, status,
                batchId + "/" + CarrierJson.text(body, "recipient") + "/" + status,
                CarrierJson.instant(CarrierJson.text(body, "at"), now));
        String code = CarrierJson.text(body, "code");
        return WebhookMapping.of(state == MessageState.FAILED && code != null ? event.withCarrierCode(code) : event);
    }

    /** Sinch voice timestamps are ISO-8601, sometimes without a zone ({@code 2024-01-08T09:48:12}): UTC. */
    private static Instant timestamp(String text, Instant fallback) {
        if (text != null && !text.isBlank() && !text.endsWith("Z") && !text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
            return CarrierJson.instant(text + "Z", fallback);
        }
        return CarrierJson.instant(text, fallback);
    }
}
