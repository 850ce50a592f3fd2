package io.switchboard.carrier.exotel;

import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.carrier.WebhookNumbers;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps Exotel status callbacks to normalized events, per the state-mapping table of
 * {@code carrier-wire-formats.md} section 0:
 * <ul>
 *   <li>calls ({@code /voice/{id}}; JSON as requested with {@code StatusCallbackContentType}, or a
 *       form): {@code EventType=answered} ANSWERED; {@code Status} {@code queued} QUEUED,
 *       {@code completed} COMPLETED, {@code busy} BUSY,
 *       {@code no-answer} NO_ANSWER, {@code failed} FAILED (Exotel does not tell a rejected call
 *       from a failed one), {@code canceled} CANCELED; an unanswered terminal call with a leg whose
 *       {@code Legs[].Status} is {@code canceled} is CANCELED. {@code ConversationDuration} (s) is the
 *       duration. Exotel reports no SIP code. {@code in-progress} alone is not mapped: Exotel's
 *       call resource says {@code in-progress} from the moment the call is created, before any
 *       answer, so only {@code EventType=answered} means ANSWERED.</li>
 *   <li>messages ({@code /sms/{id}}, form): {@code queued}, {@code sending} QUEUED; {@code submitted}
 *       SENT (handed to the operator); {@code sent} DELIVERED (Exotel's word for delivered to the
 *       handset); {@code delivered} DELIVERED; {@code failed}, {@code failed_dnd}, {@code undelivered},
 *       {@code expired} FAILED, with {@code DetailedStatusCode} as the carrier code.</li>
 * </ul>
 * Our id comes from the path, else from {@code CustomField}. The dedupe key is
 * {@code CallSid:EventType:Status} ({@code SmsSid:Status}). Exotel's dates
 * ({@code YYYY-MM-DD HH:mm:ss}) name no time zone, so events carry the time of receipt.
 *
 * <p>Follows <a href="https://developer.exotel.com/api/statuscallback">StatusCallback</a>,
 * <a href="https://developer.exotel.com/api-console/send-sms-api-console">Send SMS</a> and
 * <a href="https://support.exotel.com/support/solutions/articles/127883-sms-message-status-codes">SMS
 * message status codes</a>.
 */
final class ExotelStatusMapper {

    private static final Map<String, CallState> CALL = Map.of("queued", CallState.QUEUED, "completed", CallState.COMPLETED, "busy", CallState.BUSY,
            "no-answer", CallState.NO_ANSWER, "failed", CallState.FAILED, "canceled", CallState.CANCELED);
    private static final Map<String, MessageState> MESSAGE = Map.of("queued", MessageState.QUEUED,
            "sending", MessageState.QUEUED, "submitted", MessageState.SENT, "sent", MessageState.DELIVERED,
            "delivered", MessageState.DELIVERED, "failed", MessageState.FAILED, "failed_dnd", MessageState.FAILED,
            "failed-dnd", MessageState.FAILED, "undelivered", MessageState.FAILED, "expired", MessageState.FAILED);

    private ExotelStatusMapper() {
    }

    /**
     * @param eventType {@code EventType} ({@code answered}, {@code terminal}) or null
     * @param status the overall {@code Status}
     * @param legStatuses the {@code Legs[].Status} values (may be empty)
     * @return the state, or null when the words are not in the table
     */
    static CallState callState(String eventType, String status, List<String> legStatuses) {
        if ("answered".equalsIgnoreCase(eventType)) {
            return CallState.ANSWERED;
        }
        CallState state = status == null ? null : CALL.get(status.toLowerCase(Locale.ROOT));
        boolean canceledLeg = legStatuses.stream().anyMatch("canceled"::equalsIgnoreCase);
        return state != null && state.isFinal() && state != CallState.COMPLETED && canceledLeg
                ? CallState.CANCELED : state;
    }

    /** @return the state of an SMS {@code Status}, or null when not in the table */
    static MessageState messageState(String status) {
        return status == null ? null : MESSAGE.get(status.toLowerCase(Locale.ROOT));
    }

    /**
     * @param webhook an authenticated status callback
     * @param now the time of receipt
     * @return one event, or the unknown status
     * @throws IllegalArgumentException for a body that is neither a form nor a JSON object
     */
    static WebhookMapping map(InboundWebhook webhook, Instant now) {
        JsonObject json = json(webhook);
        Function<String, String> field = name -> text(json != null ? json.getValue(name) : webhook.param(name));
        String path = webhook.path() == null ? "" : webhook.path();
        String id = CallbackPaths.exactId(path);
        id = id != null ? id : field.apply("CustomField");
        String status = field.apply("Status");
        if (path.startsWith("/sms/") || (!path.startsWith("/voice/") && field.apply("SmsSid") != null)) {
            MessageState state = messageState(status);
            if (state == null) {
                return WebhookMapping.unknown(status);
            }
            String sid = field.apply("SmsSid");
            CarrierEvent event = CarrierEvent.message(id, sid, state, status, sid + ":" + status, now);
            return WebhookMapping.of(state == MessageState.FAILED
                    ? event.withCarrierCode(field.apply("DetailedStatusCode")) : event);
        }
        String eventType = field.apply("EventType");
        CallState state = callState(eventType, status, json == null ? List.of() : legStatuses(json));
        String raw = "answered".equalsIgnoreCase(eventType) ? "answered" : status;
        if (state == null) {
            return WebhookMapping.unknown(raw);
        }
        String sid = field.apply("CallSid");
        String dedupe = sid + ":" + (eventType == null ? "" : eventType) + ":" + status;
        return WebhookMapping.of(CarrierEvent.call(id, sid, state, raw, dedupe, now)
                .withDetail(null, null, WebhookNumbers.integer(field.apply("ConversationDuration"))));
    }

    /** @return the JSON body, or null for a form or a GET */
    private static JsonObject json(InboundWebhook webhook) {
        if (webhook.isForm() || webhook.body().length == 0) {
            return null;
        }
        try {
            return new JsonObject(webhook.bodyText());
        } catch (DecodeException unreadable) {
            throw new IllegalArgumentException("Exotel callback body is neither a form nor a JSON object", unreadable);
        }
    }

    private static List<String> legStatuses(JsonObject json) {
        List<String> statuses = new ArrayList<>();
        if (json.getValue("Legs") instanceof JsonArray legs) {
            for (Object leg : legs) {
                if (leg instanceof JsonObject object && object.getValue("Status") instanceof String status) {
                    statuses.add(status);
                }
            }
        }
        return statuses;
    }

    /** @return the value as text, null for null or an empty value */
    private static String text(Object value) {
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }
}
