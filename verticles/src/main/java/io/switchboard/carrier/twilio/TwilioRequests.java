package io.switchboard.carrier.twilio;

import io.switchboard.carrier.BasicAuthFormApi;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import io.switchboard.contract.model.CallState;
import java.util.List;

/**
 * Builds the requests of Twilio's REST API 2010-04-01: form-urlencoded bodies, HTTP Basic
 * {@code AccountSid:AuthToken}, JSON responses ({@code .json} paths).
 *
 * <p>Pages followed: <a href="https://www.twilio.com/docs/voice/api/call-resource">Call resource</a>
 * (create, fetch, update), <a href="https://www.twilio.com/docs/messaging/api/message-resource">Message
 * resource</a> (create) and <a href="https://www.twilio.com/docs/iam/api/account">Account resource</a>
 * (fetch, the probe); the shapes are checked against twilio-oai {@code twilio_api_v2010.json}.
 *
 * <p>Status callbacks follow the Switchboard convention: {@code webhookBaseUrl + "/voice/" + callId}
 * for calls and {@code + "/sms/" + messageId} for messages, so the webhook path carries our id.
 */
final class TwilioRequests {

    /** Basic {@code account_sid:auth_token}, forms in, JSON out. */
    private static final BasicAuthFormApi HTTP = new BasicAuthFormApi("account_sid", "auth_token");

    /** The API version prefix of every path. */
    static final String API = "/2010-04-01/Accounts/";
    /** The call progress events a call subscribes to, each sent as its own {@code StatusCallbackEvent}. */
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");
    /** Twilio's largest {@code Timeout}, seconds. */
    static final int MAX_RING_TIMEOUT_S = 600;
    /** Account setting: how long the answered call is held by {@code <Pause>}, seconds. */
    static final String PAUSE_SETTING = "answer_pause_s";
    /** The default of {@link #PAUSE_SETTING}, seconds. */
    static final int DEFAULT_PAUSE_S = 60;

    private TwilioRequests() {
    }

    /**
     * {@code POST /2010-04-01/Accounts/{AccountSid}/Calls.json} with {@code To}, {@code From},
     * {@code Twiml}, {@code Timeout} (the ring timeout in s, clamped to 1..600), {@code StatusCallback},
     * {@code StatusCallbackMethod=POST}, {@code StatusCallbackEvent} four times and {@code Record}.
     *
     * <p>Twilio needs instructions for the answered call ({@code Url}, {@code Twiml} or
     * {@code ApplicationSid}); Switchboard only connects the call, so it sends the minimal TwiML
     * {@code <Response><Pause length="N"/></Response>}, N from the account setting
     * {@value #PAUSE_SETTING} (default 60 s), after which Twilio ends the call. The caller-id name is
     * not sent: Twilio offers no caller name for PSTN calls.
     */
    static CarrierHttpRequest createCall(CarrierAccount account, OutboundCall call) {
        FormBody form = new FormBody()
                .add("To", call.to().value())
                .add("From", call.from().value())
                .add("Twiml", twiml(account))
                .add("Timeout", Math.max(1, Math.min(MAX_RING_TIMEOUT_S, call.ringTimeoutS())))
                .add("StatusCallback", CallbackPaths.voice(account, call.callId()))
                .add("StatusCallbackMethod", "POST");
        STATUS_EVENTS.forEach(event -> form.add("StatusCallbackEvent", event));
        form.add("Record", call.record());
        return HTTP.post(account, accountPath(account) + "/Calls.json", form);
    }

    /** {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with To, From, Body and StatusCallback. */
    static CarrierHttpRequest createMessage(CarrierAccount account, OutboundMessage message) {
        FormBody form = new FormBody()
                .add("To", message.to().value())
                .add("From", message.from().value())
                .add("Body", message.body())
                .add("StatusCallback", CallbackPaths.sms(account, message.messageId()));
        return HTTP.post(account, accountPath(account) + "/Messages.json", form);
    }

    /** {@code GET /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json}. */
    static CarrierHttpRequest fetchCall(CarrierAccount account, String callSid) {
        return HTTP.get(account, accountPath(account) + "/Calls/" + CallbackPaths.segment(callSid) + ".json");
    }

    /**
     * {@code POST /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json} with {@code Status=canceled}
     * for a call not yet answered (queued, initiated, ringing) and {@code Status=completed}
     * otherwise (answered, or a state Switchboard does not know).
     */
    static CarrierHttpRequest hangUp(CarrierAccount account, String callSid, CallState state) {
        boolean beforeAnswer = state == CallState.QUEUED || state == CallState.INITIATED || state == CallState.RINGING;
        FormBody form = new FormBody().add("Status", beforeAnswer ? "canceled" : "completed");
        return HTTP.post(account, accountPath(account) + "/Calls/" + CallbackPaths.segment(callSid) + ".json", form);
    }

    /** {@code GET /2010-04-01/Accounts/{AccountSid}.json}: the account resource, a cheap authenticated read. */
    static CarrierHttpRequest probe(CarrierAccount account) {
        return HTTP.get(account, API + CallbackPaths.segment(account.credential("account_sid")) + ".json");
    }

    /** @return {@code <Response><Pause length="N"/></Response>} with N from the account, seconds */
    static String twiml(CarrierAccount account) {
        int pause;
        try {
            pause = Integer.parseInt(account.setting(PAUSE_SETTING, String.valueOf(DEFAULT_PAUSE_S)).trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("carrier '" + account.id() + "': setting " + PAUSE_SETTING
                    + " is not a whole number of seconds", e);
        }
        return "<Response><Pause length=\"" + Math.max(1, pause) + "\"/></Response>";
    }

    private static String accountPath(CarrierAccount account) {
        return API + CallbackPaths.segment(account.credential("account_sid"));
    }
}
