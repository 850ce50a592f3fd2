package io.switchboard.carrier.sinch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CallbackPaths;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the Sinch requests {@link SinchProvider} sends: Calling API JSON signed with the
 * Application scheme ({@link SinchApplicationSignature}), SMS batches with the Bearer API token.
 *
 * <p>Follows https://developers.sinch.com/docs/voice/api-reference/voice/tag/Callouts and
 * https://developers.sinch.com/docs/sms/api-reference/sms/tag/Batches.
 */
final class SinchRequests {

    /** The default cap on a call's length ({@code maxDuration}), s. */
    static final int DEFAULT_MAX_DURATION_S = 3600;

    private SinchRequests() {
    }

    /**
     * {@code POST /calling/v1/callouts}: {@code {"method":"customCallout","customCallout":{cli,
     * destination {type:number, endpoint}, custom = call id, maxDuration (s), ace = callback URL}}}.
     * The ACE goes to {@code {webhookBase}/voice/{callId}} (a custom callout's {@code ace} takes a
     * callback URL or inline SVAML); the DiCE goes to the application's callback URL.
     */
    static CarrierHttpRequest callout(CarrierAccount account, OutboundCall call, Instant now) {
        ObjectNode body = CarrierJson.object().put("method", "customCallout");
        ObjectNode callout = body.putObject("customCallout").put("cli", call.from().value());
        callout.putObject("destination").put("type", "number").put("endpoint", call.to().value());
        callout.put("custom", call.callId()).put("maxDuration", maxDuration(account))
                .put("ace", CallbackPaths.voice(account, call.callId()));
        return signed("POST", base(account), "/calling/v1/callouts", account, CarrierJson.bytes(body), now);
    }

    private static int maxDuration(CarrierAccount account) {
        String value = account.setting("max_duration_s", String.valueOf(DEFAULT_MAX_DURATION_S));
        try {
            return Math.max(1, Math.min(14_400, Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("carrier '" + account.id() + "': max_duration_s '" + value
                    + "' is not a number of seconds");
        }
    }

    /**
     * {@code POST /xms/v1/{service_plan_id}/batches}: from, to [one], body, delivery_report
     * {@code per_recipient}, callback_url, client_reference = message id.
     */
    static CarrierHttpRequest batch(CarrierAccount account, OutboundMessage message) {
        ObjectNode body = CarrierJson.object().put("from", message.from().value());
        body.putArray("to").add(message.to().value());
        body.put("body", message.body()).put("delivery_report", "per_recipient")
                .put("callback_url", CallbackPaths.sms(account, message.messageId()))
                .put("client_reference", message.messageId());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + account.credential("api_token"));
        String url = companion(account, "sms_base_url", SinchProvider.SMS_BASE_URL) + "/xms/v1/"
                + CallbackPaths.segment(account.credential("service_plan_id")) + "/batches";
        return new CarrierHttpRequest("POST", url, headers, CarrierJson.bytes(body));
    }

    /** @return a Calling API request signed with the Application scheme at {@code now} */
    static CarrierHttpRequest signed(String method, String host, String path, CarrierAccount account, byte[] body,
                                     Instant now) {
        String timestamp = now.truncatedTo(ChronoUnit.MILLIS).toString();
        String contentType = body == null ? null : "application/json";
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.put("Accept", "application/json");
        headers.put("x-timestamp", timestamp);
        headers.put("Authorization", SinchApplicationSignature.authorization(account.credential("application_key"),
                account.credential("application_secret"), method, body, contentType, timestamp,
                URI.create(host + path).getPath()));
        return new CarrierHttpRequest(method, host + path, headers, body);
    }

    static String base(CarrierAccount account) {
        String url = account.baseUrl();
        return url == null || url.isBlank() ? SinchProvider.VOICE_BASE_URL : url;
    }

    /** A companion host: the setting, else the live host for a live account, else the account's base URL. */
    static String companion(CarrierAccount account, String setting, String liveHost) {
        String configured = account.setting(setting, null);
        if (configured != null) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return SinchProvider.VOICE_BASE_URL.equals(base(account)) ? liveHost : base(account);
    }
}
