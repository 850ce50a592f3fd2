package io.switchboard.carrier.twilio;

import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the status callbacks Twilio sends to a call's or message's {@code StatusCallback} URL:
 * form POSTs signed with {@code X-Twilio-Signature} over that URL and every parameter
 * ({@code TwilioSignature}), with an {@code I-Twilio-Idempotency-Token} that is the same for a
 * redelivery of the same step.
 *
 * <ul>
 *   <li>Calls: {@code CallSid}, {@code AccountSid}, {@code From}, {@code To}, {@code CallStatus},
 *       {@code Direction=outbound-api}, {@code ApiVersion}, {@code CallbackSource=call-progress-events},
 *       {@code SequenceNumber}, {@code Timestamp} (RFC 2822); on final steps also {@code CallDuration}
 *       (s) and {@code SipResponseCode}. {@code queued} is never reported (it is no
 *       {@code StatusCallbackEvent}). A rejected call is reported as {@code busy} with SIP 603.
 *       {@code SequenceNumber} is derived from the step (initiated 0, ringing 1, answered 2, final 3,
 *       or 2 when the call was never answered), as the sandbox reports every step once.</li>
 *   <li>Messages: {@code MessageSid}, {@code SmsSid}, {@code MessageStatus}, {@code SmsStatus},
 *       {@code AccountSid}, {@code From}, {@code To}, {@code ApiVersion}; on failure
 *       {@code ErrorCode=30003} (unreachable handset).</li>
 * </ul>
 *
 * <p>Follows <a href="https://www.twilio.com/docs/voice/api/call-resource#statuscallback">Call
 * status callbacks</a> and <a href="https://www.twilio.com/docs/messaging/guides/track-outbound-message-status">
 * message status callbacks</a>.
 */
final class TwilioCallbacks {

    /** The error code reported with a failed message: unreachable destination handset. */
    static final String UNREACHABLE = "30003";
    private static final Map<CallState, Integer> DEFAULT_SIP = Map.of(CallState.COMPLETED, 200,
            CallState.BUSY, 486, CallState.NO_ANSWER, 480, CallState.CANCELED, 487, CallState.REJECTED, 603,
            CallState.FAILED, 503);

    private TwilioCallbacks() {
    }

    /**
     * @return the callbacks for {@code event}: none without a {@code status} callback URL or for a
     *     step Twilio does not report, else one signed form POST
     */
    static List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        String url = call.callbacks().get("status");
        if (url == null) {
            return List.of();
        }
        FormBody form = call.message() ? messageForm(call, event.messageState(), account)
                : callForm(call, event, account, now);
        if (form == null) {
            return List.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.fields().forEach(field -> params.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(field.getValue()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", FormBody.CONTENT_TYPE);
        headers.put(TwilioSignature.HEADER, TwilioSignature.compute(account.get("auth_token"), url, params));
        headers.put("I-Twilio-Idempotency-Token", idempotencyToken(call, params));
        headers.put("User-Agent", "TwilioProxy/1.1");
        return List.of(new CarrierHttpRequest("POST", url, headers, form.bytes()));
    }

    private static FormBody callForm(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        CallState state = event.callState();
        if (state == null || state == CallState.QUEUED) {
            return null;
        }
        FormBody form = new FormBody().add("CallSid", call.id()).add("AccountSid", account.get("account_sid"))
                .add("From", call.from()).add("To", call.to()).add("CallStatus", TwilioResources.callWord(state))
                .add("Direction", "outbound-api").add("ApiVersion", TwilioResources.API_VERSION)
                .add("CallbackSource", "call-progress-events").add("SequenceNumber", sequence(call, state))
                .add("Timestamp", TwilioResources.date(now));
        if (state.isFinal()) {
            Integer sip = event.sipCode() != null ? event.sipCode() : DEFAULT_SIP.get(state);
            form.add("CallDuration", call.durationS()).add("SipResponseCode", sip);
        }
        return form;
    }

    private static FormBody messageForm(SimCall message, MessageState state, Map<String, String> account) {
        if (state == null) {
            return null;
        }
        String word = TwilioResources.messageWord(state);
        return new FormBody().add("MessageSid", message.id()).add("SmsSid", message.id())
                .add("MessageStatus", word).add("SmsStatus", word).add("AccountSid", account.get("account_sid"))
                .add("From", message.from()).add("To", message.to()).add("ApiVersion", TwilioResources.API_VERSION)
                .add("ErrorCode", state == MessageState.FAILED ? UNREACHABLE : null);
    }

    private static int sequence(SimCall call, CallState state) {
        return switch (state) {
            case INITIATED -> 0;
            case RINGING -> 1;
            case ANSWERED -> 2;
            default -> call.answeredAt() != null ? 3 : 2;
        };
    }

    /** @return a token that is stable for the same step of the same call: hex SHA-256 of sid and step */
    private static String idempotencyToken(SimCall call, Map<String, List<String>> params) {
        String step = call.id() + "|" + params.getOrDefault("CallStatus", params.get("MessageStatus"))
                + "|" + params.get("SequenceNumber");
        return Signing.hex(Signing.digest("SHA-256", step.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }
}
