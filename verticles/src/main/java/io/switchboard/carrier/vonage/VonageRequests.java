package io.switchboard.carrier.vonage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the Vonage requests {@link VonageProvider} sends: Voice API JSON with an RS256
 * application JWT, SMS API forms with {@code api_key}/{@code api_secret}.
 *
 * <p>Follows https://developer.vonage.com/en/api/voice#createCall and
 * https://developer.vonage.com/en/api/sms#send-an-sms.
 */
final class VonageRequests {

    static final String DEFAULT_TALK = "This call was placed by Switchboard.";

    private VonageRequests() {
    }

    /**
     * {@code POST /v1/calls}: {@code to}/{@code from} phone endpoints (E.164 digits without
     * {@code +}), {@code ncco} (optional {@code record}, then {@code talk}) or {@code answer_url},
     * {@code event_url}, {@code event_method=POST}, {@code ringing_timer} (ring timeout, 1..120 s).
     */
    static CarrierHttpRequest createCall(CarrierAccount account, OutboundCall call, Instant now) {
        String hook = CallbackPaths.voice(account, call.callId());
        ObjectNode body = CarrierJson.object();
        body.putArray("to").addObject().put("type", "phone").put("number", call.to().digits());
        body.putObject("from").put("type", "phone").put("number", call.from().digits());
        String answerUrl = account.setting("answer_url", null);
        if (answerUrl != null) {
            body.putArray("answer_url").add(answerUrl);
            body.put("answer_method", "POST");
        } else {
            var ncco = body.putArray("ncco");
            if (call.record()) {
                ncco.addObject().put("action", "record").putArray("eventUrl").add(hook + "/recording");
            }
            ncco.addObject().put("action", "talk").put("text", account.setting("talk_text", DEFAULT_TALK));
        }
        body.putArray("event_url").add(hook);
        body.put("event_method", "POST").put("ringing_timer", Math.max(1, Math.min(120, call.ringTimeoutS())));
        return voice("POST", base(account) + "/v1/calls", account, CarrierJson.bytes(body), now);
    }

    /**
     * {@code POST /sms/json} (form): api_key, api_secret, from, to (digits), text, type
     * ({@code unicode} beyond ASCII), status-report-req, callback, client-ref = message id.
     */
    static CarrierHttpRequest sendSms(CarrierAccount account, OutboundMessage message) {
        String text = message.body();
        FormBody form = new FormBody().add("api_key", account.credential("api_key"))
                .add("api_secret", account.credential("api_secret"))
                .add("from", message.from().digits()).add("to", message.to().digits()).add("text", text)
                .add("type", text.chars().allMatch(c -> c < 128) ? "text" : "unicode")
                .add("status-report-req", "true")
                .add("callback", CallbackPaths.sms(account, message.messageId()))
                .add("client-ref", clientRef(message.messageId()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", FormBody.CONTENT_TYPE);
        headers.put("Accept", "application/json");
        return new CarrierHttpRequest("POST", smsBaseUrl(account) + "/sms/json", headers, form.bytes());
    }

    /** {@code client-ref} holds at most 40 characters; the callback path carries the full id anyway. */
    private static String clientRef(String messageId) {
        return messageId.length() <= 40 ? messageId : messageId.substring(0, 40);
    }

    /** @return a Voice API request with a fresh application JWT issued at {@code now} */
    static CarrierHttpRequest voice(String method, String url, CarrierAccount account, byte[] body, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.put("Accept", "application/json");
        headers.put("Authorization", VonageApplicationJwt.bearer(account.credential("application_id"),
                account.credential("private_key"), now, UUID.randomUUID().toString()));
        return new CarrierHttpRequest(method, url, headers, body);
    }

    static String base(CarrierAccount account) {
        String url = account.baseUrl();
        return url == null || url.isBlank() ? VonageProvider.VOICE_BASE_URL : url;
    }

    /** The SMS host: the setting, else the live host for a live account, else the account's base URL. */
    static String smsBaseUrl(CarrierAccount account) {
        String configured = account.setting("sms_base_url", null);
        if (configured != null) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return VonageProvider.VOICE_BASE_URL.equals(base(account)) ? VonageProvider.SMS_BASE_URL : base(account);
    }
}
