package io.switchboard.carrier.sinch;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.carrier.sandbox.SimOperation.Kind;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.E164;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads requests to a simulated Sinch the way Sinch does: the Calling API checks the Application
 * signature ({@code x-timestamp} within 15 minutes), the SMS API the Bearer token and the service
 * plan in the path; then the callout or batch fields and the destination number.
 */
final class SinchSimRequests {

    /** Account entry holding the application's voice callback URL (a dashboard setting at Sinch). */
    static final String CALLBACK_URL = "callback_url";
    /** Account entry a sandbox may set to the account's webhook base; the callback URL is then {@code <base>/voice}. */
    static final String WEBHOOK_BASE_URL = "webhook_base_url";
    private static final Duration REQUEST_WINDOW = Duration.ofMinutes(15);
    private static final Pattern CALL = Pattern.compile("^/calling/v1/calls/id/([^/]+)$");
    private static final Pattern BATCHES = Pattern.compile("^/xms/v1/([^/]+)/batches$");

    private SinchSimRequests() {
    }

    static SimOperation read(CarrierHttpRequest request, Map<String, String> account, Instant now) {
        String path = path(request.url());
        String method = request.method();
        Matcher batches = BATCHES.matcher(path);
        if (batches.matches() && "POST".equals(method)) {
            return batch(request, batches.group(1), account);
        }
        Matcher call = CALL.matcher(path);
        Kind kind = "/calling/v1/callouts".equals(path) && "POST".equals(method) ? Kind.CREATE_CALL
                : call.matches() && "GET".equals(method) ? Kind.FETCH_CALL
                : call.matches() && "PATCH".equals(method) ? Kind.HANG_UP
                : "/v1/configuration/numbers".equals(path) && "GET".equals(method) ? Kind.PROBE : Kind.UNKNOWN;
        if (kind == Kind.UNKNOWN) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.NOT_FOUND, method + " " + path));
        }
        WebhookCheck signed = SinchApplicationSignature.verify(account.get("application_key"),
                account.get("application_secret"), method, request.body(), request.header("Content-Type"),
                request.header("Authorization"), request.header("x-timestamp"), path, now, REQUEST_WINDOW);
        if (!signed.accepted()) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.UNAUTHORIZED, "Unauthorized: " + signed.reason()));
        }
        return switch (kind) {
            case CREATE_CALL -> callout(request, account);
            case FETCH_CALL -> SimOperation.on(kind, call.group(1));
            case HANG_UP -> {
                JsonNode svaml = CarrierJson.readOrNull(request.body());
                yield svaml != null && "hangup".equals(CarrierJson.text(svaml.path("action"), "name"))
                        ? SimOperation.on(kind, call.group(1))
                        : invalid(kind, "Invalid parameters: action must be hangup in this simulator");
            }
            default -> SimOperation.on(kind, null);
        };
    }

    /** @return the decoded path without query (what the Application signature covers) */
    private static String path(String url) {
        try {
            return URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            return url.split("\\?", 2)[0];
        }
    }

    private static SimOperation callout(CarrierHttpRequest request, Map<String, String> account) {
        JsonNode body = CarrierJson.readOrNull(request.body());
        String method = CarrierJson.text(body, "method");
        if (!"ttsCallout".equals(method) && !"customCallout".equals(method)) {
            return invalid(Kind.CREATE_CALL, "Method needs to be `ttsCallout`, `conferenceCallout`, or `customCallout`");
        }
        JsonNode callout = body.path(method);
        String to = CarrierJson.text(callout.path("destination"), "endpoint");
        if (to == null) {
            return invalid(Kind.CREATE_CALL, "Bad request: destination endpoint is missing");
        }
        if ("ttsCallout".equals(method) && CarrierJson.text(callout, "text") == null
                && CarrierJson.text(callout, "prompts") == null) {
            return invalid(Kind.CREATE_CALL, "Bad request: TTS callout information missing");
        }
        if (!valid(to)) {
            return SimOperation.refused(Kind.CREATE_CALL, new SimError(SimError.Kind.INVALID_NUMBER,
                    "Invalid parameters: destination number '" + to + "' is not a valid E.164 number"));
        }
        return new SimOperation(Kind.CREATE_CALL, null, to, CarrierJson.text(callout, "cli"), null,
                callbacks(callout, account), CarrierJson.text(callout, "custom"), null);
    }

    /**
     * Where ACE and DiCE go: a custom callout's {@code ace} when it is a URL, else the application's
     * callback URL (account entry {@code callback_url}, else {@code webhook_base_url} + {@code /voice});
     * the DiCE to the application's callback URL, or, in a sandbox account that has none
     * configured, to the ACE URL.
     */
    private static Map<String, String> callbacks(JsonNode callout, Map<String, String> account) {
        String application = account.get(CALLBACK_URL) != null ? account.get(CALLBACK_URL)
                : account.get(WEBHOOK_BASE_URL) != null ? account.get(WEBHOOK_BASE_URL) + "/voice" : null;
        String ace = CarrierJson.text(callout, "ace");
        if (ace == null || !(ace.startsWith("http://") || ace.startsWith("https://"))) {
            ace = application;
        }
        Map<String, String> callbacks = new java.util.LinkedHashMap<>();
        if (ace != null) {
            callbacks.put("ace", ace);
        }
        if (application != null || ace != null) {
            callbacks.put("dice", application != null ? application : ace);
        }
        return callbacks;
    }

    private static SimOperation batch(CarrierHttpRequest request, String plan, Map<String, String> account) {
        if (!Signing.constantTimeEquals("Bearer " + account.get("api_token"), request.header("Authorization"))
                || !plan.equals(account.get("service_plan_id"))) {
            return SimOperation.refused(Kind.SEND_MESSAGE, new SimError(SimError.Kind.UNAUTHORIZED,
                    "Invalid API token or service plan"));
        }
        JsonNode body = CarrierJson.readOrNull(request.body());
        for (String field : new String[] {"from", "to", "body"}) {
            if (body == null || body.path(field).isMissingNode() || body.path(field).isNull()) {
                return invalid(Kind.SEND_MESSAGE, "missing_parameter: " + field);
            }
        }
        String to = body.path("to").path(0).asText(null);
        if (to == null || !valid(to)) {
            return SimOperation.refused(Kind.SEND_MESSAGE, new SimError(SimError.Kind.INVALID_NUMBER,
                    "Invalid parameters: to number '" + to + "' is not a valid E.164 number"));
        }
        String callback = CarrierJson.text(body, "callback_url");
        return new SimOperation(Kind.SEND_MESSAGE, null, to, CarrierJson.text(body, "from"), CarrierJson.text(body, "body"),
                callback == null ? Map.of() : Map.of("delivery_report", callback),
                CarrierJson.text(body, "client_reference"), null);
    }

    private static boolean valid(String number) {
        try {
            return E164.parse("to", number).value().equals(number);
        } catch (SwitchboardException e) {
            return false;
        }
    }

    private static SimOperation invalid(Kind kind, String message) {
        return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_REQUEST, message));
    }
}
