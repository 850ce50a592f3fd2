package io.switchboard.carrier.bandwidth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import io.switchboard.carrier.Signing;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the Bandwidth requests {@link BandwidthProvider} sends: JSON with HTTP Basic of the API
 * user, on the voice host or the messaging host.
 *
 * <p>Follows https://dev.bandwidth.com/apis/voice/#tag/Calls/operation/createCall and
 * https://dev.bandwidth.com/apis/messaging/#tag/Messages/operation/createMessage.
 */
final class BandwidthRequests {

    /** How long Bandwidth waits for our answer to a callback, s. */
    static final int CALLBACK_TIMEOUT_S = 10;

    private BandwidthRequests() {
    }

    /**
     * {@code POST /api/v2/accounts/{accountId}/calls}: from, to, applicationId, answerUrl (with the
     * pause length and recording flag in its query), disconnectUrl, the webhook Basic credentials,
     * callTimeout (the ring timeout, clamped to 1..300 s), callbackTimeout and tag = call id.
     */
    static CarrierHttpRequest createCall(CarrierAccount account, OutboundCall call) {
        String hook = CallbackPaths.voice(account, call.callId());
        int pause = pauseSeconds(account);
        ObjectNode body = CarrierJson.object()
                .put("from", call.from().value())
                .put("to", call.to().value())
                .put("applicationId", applicationId(account))
                .put("answerUrl", hook + "/answer?pause=" + pause + (call.record() ? "&record=true" : ""))
                .put("answerMethod", "POST")
                .put("disconnectUrl", hook + "/disconnect")
                .put("disconnectMethod", "POST")
                .put("username", account.credential("webhook_username"))
                .put("password", account.credential("webhook_password"))
                .put("callTimeout", Math.max(1, Math.min(300, call.ringTimeoutS())))
                .put("callbackTimeout", CALLBACK_TIMEOUT_S)
                .put("tag", call.callId());
        if (call.callerName() != null && !call.callerName().isBlank()) {
            String name = call.callerName();
            body.put("displayName", name.length() > 256 ? name.substring(0, 256) : name);
        }
        return json("POST", callsUrl(account), account, CarrierJson.bytes(body));
    }

    /** {@code POST /api/v2/users/{accountId}/messages}: applicationId, to [one], from, text, tag = message id. */
    static CarrierHttpRequest createMessage(CarrierAccount account, OutboundMessage message) {
        ObjectNode body = CarrierJson.object()
                .put("applicationId", account.setting("messaging_application_id", applicationId(account)));
        body.putArray("to").add(message.to().value());
        body.put("from", message.from().value()).put("text", message.body()).put("tag", message.messageId());
        String url = messagingBaseUrl(account) + "/api/v2/users/"
                + CallbackPaths.segment(account.credential("account_id")) + "/messages";
        return json("POST", url, account, CarrierJson.bytes(body));
    }

    private static String applicationId(CarrierAccount account) {
        String id = account.setting("application_id", account.credentials().get("application_id"));
        if (id == null || id.isEmpty()) {
            throw new IllegalStateException("carrier '" + account.id() + "' has no setting 'application_id'");
        }
        return id;
    }

    private static int pauseSeconds(CarrierAccount account) {
        String value = account.setting("answer_pause_s", String.valueOf(BandwidthMapper.DEFAULT_PAUSE_S));
        try {
            return Math.max(1, Math.min(86_400, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("carrier '" + account.id() + "': answer_pause_s '" + value
                    + "' is not a number of seconds");
        }
    }

    static String callsUrl(CarrierAccount account) {
        return base(account) + "/api/v2/accounts/" + CallbackPaths.segment(account.credential("account_id")) + "/calls";
    }

    private static String base(CarrierAccount account) {
        String url = account.baseUrl();
        return url == null || url.isBlank() ? BandwidthProvider.VOICE_BASE_URL : url;
    }

    /** The messaging host: the setting, else the live host for a live account, else the account's base URL. */
    static String messagingBaseUrl(CarrierAccount account) {
        String configured = account.setting("messaging_base_url", null);
        if (configured != null) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return BandwidthProvider.VOICE_BASE_URL.equals(base(account)) ? BandwidthProvider.MESSAGING_BASE_URL
                : base(account);
    }

    static CarrierHttpRequest json(String method, String url, CarrierAccount account, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.put("Accept", "application/json");
        headers.put("Authorization", Signing.basic(account.credential("username"), account.credential("password")));
        return new CarrierHttpRequest(method, url, headers, body);
    }
}
