package io.switchboard.carrier.exotel;

import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the status callbacks Exotel sends to a {@code StatusCallback} URL. Exotel signs nothing;
 * when the URL carries user information ({@code https://user:pass@host/...}), the callback goes to
 * the URL without it and carries it as {@code Authorization: Basic}, as an HTTP client does.
 *
 * <ul>
 *   <li>Calls (JSON, as {@code StatusCallbackContentType=application/json} asks; Switchboard always
 *       asks for it): only the subscribed {@code answered} and {@code terminal} events.
 *       {@code CallSid}, {@code EventType}, {@code Status}, {@code DateCreated}, {@code DateUpdated},
 *       {@code To}, {@code From}, {@code PhoneNumberSid}, {@code StartTime}, {@code EndTime},
 *       {@code ConversationDuration} (s), {@code Direction}, {@code CustomField}, {@code RecordingUrl}
 *       and {@code Legs} ({@code [{OnCallDuration, Status, AnsweredBy}]}, the {@code From} leg first).
 *       A canceled call is {@code no-answer} overall with a {@code canceled} second leg.</li>
 *   <li>SMS (form): only terminal states ({@code sent}, {@code failed}) with {@code SmsSid},
 *       {@code To}, {@code Status}, {@code SmsUnits}, {@code DetailedStatus},
 *       {@code DetailedStatusCode} (20005 DELIVERED_TO_HANDSET, 24105 FAILED_HANDSET_ERROR),
 *       {@code DateSent} and {@code CustomField}.</li>
 * </ul>
 *
 * <p>Follows <a href="https://developer.exotel.com/api/statuscallback">StatusCallback</a>,
 * <a href="https://developer.exotel.com/api-console/send-sms-api-console">Send SMS</a> and
 * <a href="https://support.exotel.com/support/solutions/articles/3000112255-glossary-for-sms-stats-beta-">SMS
 * detailed status codes</a>.
 */
final class ExotelCallbacks {

    private ExotelCallbacks() {
    }

    /** @return the callbacks for {@code event}: none without a {@code status} URL or for an unreported step */
    static List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Instant now) {
        String url = call.callbacks().get("status");
        if (url == null) {
            return List.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String target = withoutUserInfo(url, headers);
        if (call.message()) {
            MessageState state = event.messageState();
            if (state == null || !state.isFinal()) {
                return List.of();
            }
            headers.put("Content-Type", FormBody.CONTENT_TYPE);
            return List.of(new CarrierHttpRequest("POST", target, headers, smsForm(call, state, now).bytes()));
        }
        CallState state = event.callState();
        if (state != CallState.ANSWERED && (state == null || !state.isFinal())) {
            return List.of();
        }
        headers.put("Content-Type", "application/json");
        byte[] body = callJson(call, state, now).encode().getBytes(StandardCharsets.UTF_8);
        return List.of(new CarrierHttpRequest("POST", target, headers, body));
    }

    private static JsonObject callJson(SimCall call, CallState state, Instant now) {
        boolean answered = state == CallState.ANSWERED;
        String legStatus = state == CallState.CANCELED ? "canceled" : ExotelResources.callWord(state);
        JsonArray legs = new JsonArray()
                .add(new JsonObject().put("OnCallDuration", call.durationS()).put("Status", answered ? null : "completed")
                        .put("AnsweredBy", "NA"))
                .add(new JsonObject().put("OnCallDuration", call.durationS()).put("Status", answered ? null : legStatus)
                        .put("AnsweredBy", "NA"));
        return new JsonObject().put("CallSid", call.id()).put("EventType", answered ? "answered" : "terminal")
                .put("Status", ExotelResources.callWord(state)).put("DateCreated", ExotelResources.date(call.createdAt()))
                .put("DateUpdated", ExotelResources.date(now)).put("To", call.to()).put("From", call.from())
                .putNull("PhoneNumberSid").put("StartTime", ExotelResources.date(call.createdAt()))
                .put("EndTime", answered ? null : ExotelResources.date(now))
                .put("ConversationDuration", answered ? 0 : call.durationS()).put("Direction", "outbound-api")
                .put("CustomField", call.reference()).putNull("RecordingUrl").put("Legs", legs);
    }

    private static FormBody smsForm(SimCall message, MessageState state, Instant now) {
        boolean delivered = state == MessageState.DELIVERED;
        return new FormBody().add("SmsSid", message.id()).add("To", message.to())
                .add("Status", ExotelResources.smsWord(state)).add("SmsUnits", 1)
                .add("DetailedStatus", delivered ? "DELIVERED_TO_HANDSET" : "FAILED_HANDSET_ERROR")
                .add("DetailedStatusCode", delivered ? "20005" : "24105")
                .add("DateSent", ExotelResources.date(now)).add("CustomField", message.reference());
    }

    /** @return {@code url} without user information, which goes into {@code headers} as Basic auth */
    private static String withoutUserInfo(String url, Map<String, String> headers) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int start = scheme + 3;
        int slash = url.indexOf('/', start);
        int end = slash < 0 ? url.length() : slash;
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return url;
        }
        String[] userInfo = url.substring(start, at).split(":", 2);
        String user = URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8);
        String password = userInfo.length > 1 ? URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8) : "";
        headers.put("Authorization", Signing.basic(user, password));
        return url.substring(0, start) + url.substring(at + 1);
    }
}
