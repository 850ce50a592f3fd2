package io.switchboard.carrier.exotel;

import io.switchboard.carrier.BasicAuthFormApi;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;

/**
 * Builds the requests of Exotel's Voice v1 and SMS v1 APIs: form-urlencoded bodies, HTTP Basic
 * {@code api_key:api_token}, JSON answers ({@code .json} paths).
 *
 * <p>Pages followed: <a href="https://developer.exotel.com/api/make-a-call-api">Connect two numbers</a>,
 * <a href="https://developer.exotel.com/api/statuscallback">StatusCallback</a>,
 * <a href="https://developer.exotel.com/api-console/send-sms-api-console">Send SMS</a>,
 * <a href="https://developer.exotel.com/docs/voice-v1/api-reference/call-details">Call details</a> and
 * <a href="https://developer.exotel.com/docs/voice-v1/api-reference/balance">Account balance</a> (the probe).
 *
 * <p>Status callbacks follow the Switchboard convention, {@code webhookBaseUrl + "/voice/" + callId}
 * and {@code + "/sms/" + messageId}, with the account's webhook credentials
 * ({@code webhook_username}, {@code webhook_password}) as the URL's user information
 * ({@code https://user:pass@host/...}): Exotel signs no webhook, and a client sends user
 * information of a URL as HTTP Basic, which {@code ExotelWebhookAuth} checks.
 */
final class ExotelRequests {

    /** Basic {@code api_key:api_token}, forms in, JSON out. */
    private static final BasicAuthFormApi HTTP = new BasicAuthFormApi("api_key", "api_token");

    /** Account setting: the ExoPhone presented as {@code CallerId}; the call's {@code from} when absent. */
    static final String CALLER_ID_SETTING = "caller_id";

    private ExotelRequests() {
    }

    /**
     * {@code POST /v1/Accounts/{sid}/Calls/connect.json} with {@code From}, {@code To}, {@code CallerId},
     * {@code TimeOut} (ring timeout, s), {@code Record}, {@code CustomField} (our call id),
     * {@code StatusCallback}, {@code StatusCallbackEvents[0]=terminal},
     * {@code StatusCallbackEvents[1]=answered} and {@code StatusCallbackContentType=application/json}
     * (so that the per-leg {@code Legs} array arrives as JSON). Exotel dials {@code From} first and
     * then connects {@code To}; the caller-id name is not supported and not sent.
     */
    static CarrierHttpRequest connect(CarrierAccount account, OutboundCall call) {
        FormBody form = new FormBody()
                .add("From", call.from().value())
                .add("To", call.to().value())
                .add("CallerId", account.setting(CALLER_ID_SETTING, call.from().value()))
                .add("TimeOut", Math.max(1, call.ringTimeoutS()))
                .add("Record", call.record())
                .add("CustomField", call.callId())
                .add("StatusCallback", callbackUrl(account, CallbackPaths.VOICE, call.callId()))
                .add("StatusCallbackEvents[0]", "terminal")
                .add("StatusCallbackEvents[1]", "answered")
                .add("StatusCallbackContentType", "application/json");
        return HTTP.post(account, accountPath(account) + "/Calls/connect.json", form);
    }

    /**
     * {@code POST /v1/Accounts/{sid}/Sms/send.json} with {@code From}, {@code To}, {@code Body},
     * {@code EncodingType=unicode} when the text is not ASCII, {@code CustomField} (our message id),
     * {@code StatusCallback}, and {@code DltEntityId} / {@code DltTemplateId} from the account settings
     * {@code dlt_entity_id} / {@code dlt_template_id} when configured (required for India).
     */
    static CarrierHttpRequest sendSms(CarrierAccount account, OutboundMessage message) {
        boolean ascii = message.body().chars().allMatch(c -> c < 0x80);
        FormBody form = new FormBody()
                .add("From", message.from().value())
                .add("To", message.to().value())
                .add("Body", message.body())
                .add("EncodingType", ascii ? null : "unicode")
                .add("CustomField", message.messageId())
                .add("StatusCallback", callbackUrl(account, CallbackPaths.SMS, message.messageId()));
        form.add("DltEntityId", account.settings().get("dlt_entity_id"))
                .add("DltTemplateId", account.settings().get("dlt_template_id"));
        return HTTP.post(account, accountPath(account) + "/Sms/send.json", form);
    }

    /** {@code GET /v1/Accounts/{sid}/Calls/{CallSid}.json}. */
    static CarrierHttpRequest fetchCall(CarrierAccount account, String callSid) {
        return HTTP.get(account, accountPath(account) + "/Calls/" + CallbackPaths.segment(callSid) + ".json");
    }

    /** {@code GET /v1/Accounts/{sid}/Balance.json}: the account balance, a cheap authenticated read. */
    static CarrierHttpRequest probe(CarrierAccount account) {
        return HTTP.get(account, accountPath(account) + "/Balance.json");
    }

    /**
     * @return {@code scheme://user:pass@host/.../kind/id}: the webhook base with the account's
     *     webhook credentials as user information (percent-encoded) and our id as the last segment
     */
    static String callbackUrl(CarrierAccount account, String kind, String id) {
        String base = account.webhookBaseUrl();
        int scheme = base.indexOf("://");
        if (scheme < 0) {
            throw new IllegalStateException("carrier '" + account.id() + "': webhook base URL has no scheme");
        }
        String userInfo = CallbackPaths.segment(account.credential("webhook_username")) + ":"
                + CallbackPaths.segment(account.credential("webhook_password")) + "@";
        return base.substring(0, scheme + 3) + userInfo + CallbackPaths.url(base.substring(scheme + 3), kind, id);
    }

    private static String accountPath(CarrierAccount account) {
        return "/v1/Accounts/" + CallbackPaths.segment(account.credential("account_sid"));
    }
}
