package io.switchboard.carrier.plivo;

import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.WebhookMapping.WebhookReply;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Instant;
import java.util.Map;

/**
 * Maps Plivo's form-encoded callbacks to normalized events (state-mapping table of
 * {@code carrier-wire-formats.md} section 0; https://docs.plivo.com/docs/voice/api/call/make-a-call
 * and https://docs.plivo.com/docs/voice/troubleshooting/hangup-causes).
 *
 * <p>Voice callbacks come to {@code /voice/{id}/ring}, {@code /voice/{id}/answer} and
 * {@code /voice/{id}/hangup} with {@code CallUUID}, {@code RequestUUID}, {@code CallStatus} and, on
 * hang-up, {@code HangupCauseCode} and {@code Duration} (seconds). {@code CallStatus}:
 * {@code ringing} → RINGING, {@code in-progress} → ANSWERED, {@code completed} → COMPLETED,
 * {@code busy} → BUSY, {@code no-answer}/{@code timeout} → NO_ANSWER, {@code cancel} → CANCELED,
 * {@code failed} → REJECTED for a 3xxx hang-up cause (the callee's refusals), else FAILED; hang-up
 * cause 1000 ("Canceled": hung up through the API before answer) is CANCELED whatever the status.
 * The carrier call id is {@code CallUUID} (the {@code RequestUUID} until Plivo has one).
 *
 * <p>The answer_url must answer with Plivo XML: the reply to {@code /answer} is
 * {@code <Response><Wait length="3600"/></Response>}, which keeps the answered call up (silent)
 * for at most {@value #ANSWER_WAIT_S} s, until a hang-up request ends it.
 *
 * <p>Message status callbacks come to {@code /sms/{id}} with {@code MessageUUID}, {@code Status}
 * ({@code queued} → QUEUED, {@code sent} → SENT, {@code delivered} → DELIVERED, {@code failed} /
 * {@code undelivered} / {@code rejected} → FAILED) and {@code ErrorCode}
 * (https://www.plivo.com/docs/messaging/api/message/message-status-callbacks). Statuses outside
 * these tables are unknown types. Plivo sends no event id: the dedupe key is the carrier id and
 * the status.
 */
final class PlivoEventMapper {

    /** How long the answer XML keeps an answered call up, seconds. */
    static final int ANSWER_WAIT_S = 3600;
    /** The Plivo XML answered to the answer_url. */
    static final WebhookReply ANSWER_XML = new WebhookReply(200, "application/xml",
            "<Response><Wait length=\"" + ANSWER_WAIT_S + "\"/></Response>");
    /** Plivo's hang-up cause for a call canceled through the API before it was answered. */
    static final String CANCELED_CAUSE = "1000";

    private static final Map<String, CallState> CALL_STATUSES = Map.of(
            "ringing", CallState.RINGING,
            "in-progress", CallState.ANSWERED,
            "completed", CallState.COMPLETED,
            "busy", CallState.BUSY,
            "no-answer", CallState.NO_ANSWER,
            "timeout", CallState.NO_ANSWER,
            "cancel", CallState.CANCELED,
            "failed", CallState.FAILED);
    private static final Map<String, MessageState> MESSAGE_STATUSES = Map.of(
            "queued", MessageState.QUEUED,
            "sent", MessageState.SENT,
            "delivered", MessageState.DELIVERED,
            "failed", MessageState.FAILED,
            "undelivered", MessageState.FAILED,
            "rejected", MessageState.FAILED);

    private PlivoEventMapper() {
    }

    /**
     * @param webhook a verified Plivo callback (form POST, or GET with a query)
     * @param now the time of receipt (Plivo's callbacks carry no event time in a fixed format)
     * @return the events, unknown statuses, and for the answer_url the XML reply
     * @throws IllegalArgumentException if the callback carries neither {@code CallStatus} nor
     *     {@code Status}
     */
    static WebhookMapping map(InboundWebhook webhook, Instant now) {
        String path = webhook.path();
        String[] parts = path == null ? new String[0] : path.split("/");
        String kind = parts.length > 1 ? parts[1] : "";
        boolean answer = parts.length > 3 && "answer".equals(parts[3]);
        if (CallbackPaths.SMS.equals(kind) || webhook.param("MessageUUID") != null) {
            return message(webhook, CallbackPaths.id(path, CallbackPaths.SMS), now);
        }
        WebhookMapping mapping = call(webhook, CallbackPaths.id(path, CallbackPaths.VOICE), now);
        return answer ? mapping.withReply(ANSWER_XML) : mapping;
    }

    private static WebhookMapping call(InboundWebhook webhook, String id, Instant now) {
        String status = webhook.param("CallStatus");
        if (status == null) {
            throw new IllegalArgumentException("Plivo callback has no CallStatus");
        }
        String cause = webhook.param("HangupCauseCode");
        CallState state = CALL_STATUSES.get(status);
        if (state == null) {
            return WebhookMapping.unknown("call/" + status);
        }
        if (CANCELED_CAUSE.equals(cause)) {
            state = CallState.CANCELED;
        } else if (state == CallState.FAILED && cause != null && cause.matches("3\\d{3}")) {
            state = CallState.REJECTED;
        }
        String carrierId = webhook.param("CallUUID") != null ? webhook.param("CallUUID") : webhook.param("RequestUUID");
        String raw = cause == null ? status : status + "/" + cause;
        CarrierEvent event = CarrierEvent.call(id, carrierId, state, raw, carrierId + ":" + status, now);
        if (state.isFinal()) {
            event = event.withDetail(null, null, integer(webhook.param("Duration")));
            if (cause != null) {
                event = event.withCarrierCode(cause);
            }
        }
        return WebhookMapping.of(event);
    }

    private static WebhookMapping message(InboundWebhook webhook, String id, Instant now) {
        String status = webhook.param("Status");
        if (status == null) {
            throw new IllegalArgumentException("Plivo message callback has no Status");
        }
        MessageState state = MESSAGE_STATUSES.get(status);
        if (state == null) {
            return WebhookMapping.unknown("message/" + status);
        }
        String carrierId = webhook.param("MessageUUID");
        CarrierEvent event = CarrierEvent.message(id, carrierId, state, status, carrierId + ":" + status, now);
        String code = webhook.param("ErrorCode");
        return WebhookMapping.of(code == null || code.isEmpty() ? event : event.withCarrierCode(code));
    }

    private static Integer integer(String value) {
        if (value == null || !value.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(value);
    }
}
