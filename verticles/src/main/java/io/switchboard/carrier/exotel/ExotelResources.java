package io.switchboard.carrier.exotel;

import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shapes the Exotel sandbox answers with: {@code {"Call":{...}}},
 * {@code {"SMSMessage":{...}}}, the balance {@code {"Account":{"AccountSid","BalanceData":{...}}}}
 * and the error {@code {"RestException":{"Status","Message","Code"}}}. Dates are
 * {@code YYYY-MM-DD HH:mm:ss}; Exotel names no zone, the sandbox writes UTC. Exotel's
 * {@code Code} values are not documented, so the sandbox repeats the HTTP status there. The
 * sandbox's {@link SimCall} does not say which account it belongs to, so {@code AccountSid} and
 * {@code Uri} of calls and messages are null.
 *
 * <p>Follows <a href="https://developer.exotel.com/api/make-a-call-api">Connect two numbers</a>
 * (response), <a href="https://developer.exotel.com/docs/voice-v1/api-reference/call-details">Call
 * details</a>, <a href="https://developer.exotel.com/api/sms-details">SMS details</a> and
 * <a href="https://developer.exotel.com/docs/voice-v1/api-reference/balance">Account balance</a>.
 */
final class ExotelResources {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> CALL_WORDS = Set.of("queued", "in-progress", "completed", "failed", "busy",
            "no-answer");
    private static final Set<String> SMS_WORDS = Set.of("queued", "sending", "submitted", "sent", "failed",
            "failed_dnd");
    private static final Map<CallState, String> CALL_WORD = Map.of(CallState.QUEUED, "queued",
            CallState.INITIATED, "in-progress", CallState.RINGING, "in-progress", CallState.ANSWERED, "in-progress",
            CallState.COMPLETED, "completed", CallState.BUSY, "busy", CallState.NO_ANSWER, "no-answer",
            CallState.CANCELED, "no-answer", CallState.REJECTED, "failed", CallState.FAILED, "failed");
    private static final Map<MessageState, String> SMS_WORD = Map.of(MessageState.QUEUED, "queued",
            MessageState.SENT, "submitted", MessageState.DELIVERED, "sent", MessageState.FAILED, "failed");

    private ExotelResources() {
    }

    /**
     * @return Exotel's overall call {@code Status} for a state: {@code in-progress} from dialling to
     *     answer; a canceled call is {@code no-answer} overall (its leg says {@code canceled}); a
     *     rejected call is {@code failed}
     */
    static String callWord(CallState state) {
        return CALL_WORD.get(state);
    }

    /** @return Exotel's SMS {@code Status}: SENT is {@code submitted}, DELIVERED is {@code sent} */
    static String smsWord(MessageState state) {
        return SMS_WORD.get(state);
    }

    /**
     * @return the Exotel word for a {@link SimCall#status()}: the normalized wire name translated
     *     (normalized {@code sent} is Exotel's {@code submitted}); an Exotel word is kept
     */
    static String word(String status, boolean message) {
        if (status == null) {
            return "queued";
        }
        try {
            return message ? smsWord(MessageState.fromWire(status)) : callWord(CallState.fromWire(status));
        } catch (IllegalArgumentException notState) {
            return (message ? SMS_WORDS : CALL_WORDS).contains(status) ? status : "queued";
        }
    }

    /** @return {@code {"Call":{...}}} in the call's current state */
    static JsonObject call(SimCall call) {
        String status = word(call.status(), false);
        JsonObject resource = new JsonObject().put("Sid", call.id()).putNull("ParentCallSid")
                .put("DateCreated", date(call.createdAt())).put("DateUpdated", date(latest(call)))
                .putNull("AccountSid").put("To", call.to()).put("From", call.from()).putNull("PhoneNumberSid")
                .put("Status", status).put("StartTime", date(call.createdAt())).put("EndTime", date(call.endedAt()))
                .put("Duration", call.endedAt() == null ? null : String.valueOf(call.durationS())).putNull("Price")
                .put("Direction", "outbound-api").putNull("AnsweredBy").putNull("ForwardedFrom").putNull("CallerName")
                .putNull("Uri").putNull("RecordingUrl");
        return new JsonObject().put("Call", resource);
    }

    /** @return {@code {"SMSMessage":{...}}} in the message's current state */
    static JsonObject sms(SimCall message) {
        JsonObject resource = new JsonObject().put("Sid", message.id()).putNull("AccountSid")
                .put("From", message.from()).put("To", message.to()).put("Body", message.text())
                .put("Status", word(message.status(), true)).put("DateCreated", date(message.createdAt()))
                .put("DateUpdated", date(latest(message))).put("DateSent", date(message.endedAt())).putNull("Price")
                .put("Direction", "outbound-api").putNull("Uri");
        return new JsonObject().put("SMSMessage", resource);
    }

    /** @return the balance resource of {@code accountSid}: a fixed sandbox balance, as a decimal string in INR */
    static JsonObject balance(String accountSid) {
        JsonObject data = new JsonObject().put("Balance", "1000.00").put("Currency", "INR")
                .put("PricingPlan", "Sandbox").putNull("DateUpdated");
        return new JsonObject().put("Account", new JsonObject().put("AccountSid", accountSid).put("BalanceData", data));
    }

    /** @return {@code {"RestException":{"Status","Message","Code"}}} with {@code status} */
    static CarrierHttpResponse error(int status, String message) {
        JsonObject exception = new JsonObject().put("Status", status).put("Message", message).put("Code", status);
        return json(status, new JsonObject().put("RestException", exception));
    }

    /** @return the error response of a sandbox error kind */
    static CarrierHttpResponse error(SimError error) {
        return error(error.kind().status(), error.detail());
    }

    /** @return a JSON response */
    static CarrierHttpResponse json(int status, JsonObject body) {
        return new CarrierHttpResponse(status, Map.of("Content-Type", List.of("application/json")),
                body.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** @return {@code at} as {@code YYYY-MM-DD HH:mm:ss} (UTC), or null */
    static String date(Instant at) {
        return at == null ? null : DATE.format(at);
    }

    private static Instant latest(SimCall call) {
        return call.endedAt() != null ? call.endedAt() : call.answeredAt() != null ? call.answeredAt() : call.createdAt();
    }
}
