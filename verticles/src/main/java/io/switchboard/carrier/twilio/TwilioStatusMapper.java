package io.switchboard.carrier.twilio;

import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.WebhookNumbers;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Maps Twilio status callbacks to normalized events, per the state-mapping table of
 * {@code carrier-wire-formats.md} section 0:
 * <ul>
 *   <li>{@code CallStatus}: {@code queued} QUEUED, {@code initiated} INITIATED, {@code ringing}
 *       RINGING, {@code in-progress} ANSWERED, {@code completed} COMPLETED, {@code busy} BUSY,
 *       {@code no-answer} NO_ANSWER, {@code canceled} CANCELED, {@code failed} FAILED; a
 *       {@code busy} or {@code failed} call with {@code SipResponseCode} 603 (Decline) is REJECTED;</li>
 *   <li>{@code MessageStatus}: {@code accepted}, {@code scheduled}, {@code queued}, {@code sending}
 *       QUEUED; {@code sent} SENT; {@code delivered}, {@code read} DELIVERED; {@code failed},
 *       {@code undelivered}, {@code canceled} FAILED. Inbound words ({@code receiving},
 *       {@code received}) and {@code partially_delivered} are reported as unknown.</li>
 * </ul>
 * {@code SipResponseCode} becomes the SIP code, {@code CallDuration} (s) the duration,
 * {@code ErrorCode} the carrier code and {@code Timestamp} (RFC 2822) the time of the event. The
 * dedupe key is the {@code I-Twilio-Idempotency-Token} header, else {@code CallSid:CallStatus:SequenceNumber}
 * ({@code MessageSid:MessageStatus} for messages). Our id is taken from the path
 * ({@code /voice/{id}}, {@code /sms/{id}}).
 *
 * <p>Follows <a href="https://www.twilio.com/docs/voice/api/call-resource#statuscallback">Call
 * status callbacks</a> and <a href="https://www.twilio.com/docs/messaging/guides/track-outbound-message-status">
 * Track the message status of outbound messages</a>.
 */
final class TwilioStatusMapper {

    private static final Map<String, CallState> CALL = Map.of(
            "queued", CallState.QUEUED, "initiated", CallState.INITIATED, "ringing", CallState.RINGING,
            "in-progress", CallState.ANSWERED, "completed", CallState.COMPLETED, "busy", CallState.BUSY,
            "no-answer", CallState.NO_ANSWER, "canceled", CallState.CANCELED, "failed", CallState.FAILED);
    private static final Map<String, MessageState> MESSAGE = Map.ofEntries(
            Map.entry("accepted", MessageState.QUEUED), Map.entry("scheduled", MessageState.QUEUED),
            Map.entry("queued", MessageState.QUEUED), Map.entry("sending", MessageState.QUEUED),
            Map.entry("sent", MessageState.SENT), Map.entry("delivered", MessageState.DELIVERED),
            Map.entry("read", MessageState.DELIVERED), Map.entry("failed", MessageState.FAILED),
            Map.entry("undelivered", MessageState.FAILED), Map.entry("canceled", MessageState.FAILED));
    /** SIP 603 Decline: the callee rejected the call. */
    private static final int DECLINE = 603;
    private static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

    private TwilioStatusMapper() {
    }

    /**
     * @param status a {@code CallStatus} word
     * @param sipCode the {@code SipResponseCode}, or null
     * @return the state, or null for a word not in the table
     */
    static CallState callState(String status, Integer sipCode) {
        CallState state = status == null ? null : CALL.get(status);
        boolean declined = sipCode != null && sipCode == DECLINE;
        return declined && (state == CallState.BUSY || state == CallState.FAILED) ? CallState.REJECTED : state;
    }

    /** @return the state of a {@code MessageStatus} word, or null for a word not in the table */
    static MessageState messageState(String status) {
        return status == null ? null : MESSAGE.get(status);
    }

    /**
     * @param webhook a verified status callback (form POST, or GET with query parameters)
     * @param now the time of receipt, for callbacks without {@code Timestamp}
     * @return one event, or the unknown status word
     * @throws IllegalArgumentException for a POST whose body is not a form
     */
    static WebhookMapping map(InboundWebhook webhook, Instant now) {
        if ("POST".equals(webhook.method()) && !webhook.isForm()) {
            throw new IllegalArgumentException("Twilio status callbacks are form posts, got "
                    + webhook.header("content-type"));
        }
        String id = CallbackPaths.exactId(webhook.path());
        String token = webhook.header(IDEMPOTENCY_HEADER);
        String messageStatus = first(webhook.param("MessageStatus"), webhook.param("SmsStatus"));
        if (messageStatus != null) {
            MessageState state = messageState(messageStatus);
            if (state == null) {
                return WebhookMapping.unknown(messageStatus);
            }
            String sid = first(webhook.param("MessageSid"), webhook.param("SmsSid"));
            String dedupe = token != null ? token : sid + ":" + messageStatus;
            return WebhookMapping.of(CarrierEvent.message(id, sid, state, messageStatus, dedupe, now)
                    .withCarrierCode(webhook.param("ErrorCode")));
        }
        String callStatus = webhook.param("CallStatus");
        if (callStatus == null) {
            return WebhookMapping.unknown(null);
        }
        Integer sip = WebhookNumbers.integer(webhook.param("SipResponseCode"));
        CallState state = callState(callStatus, sip);
        if (state == null) {
            return WebhookMapping.unknown(callStatus);
        }
        String sid = webhook.param("CallSid");
        String dedupe = token != null ? token : sid + ":" + callStatus + ":" + webhook.param("SequenceNumber");
        Instant at = timestamp(webhook.param("Timestamp"), now);
        return WebhookMapping.of(CarrierEvent.call(id, sid, state, callStatus, dedupe, at)
                .withDetail(sip, null, WebhookNumbers.integer(webhook.param("CallDuration")))
                .withCarrierCode(webhook.param("ErrorCode")));
    }

    /** @return the instant of an RFC 2822 date ({@code Tue, 31 Aug 2010 20:36:28 +0000}), or {@code fallback} */
    static Instant timestamp(String rfc2822, Instant fallback) {
        if (rfc2822 == null || rfc2822.isBlank()) {
            return fallback;
        }
        try {
            return ZonedDateTime.parse(rfc2822.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException unreadable) {
            return fallback;
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : null;
    }
}
