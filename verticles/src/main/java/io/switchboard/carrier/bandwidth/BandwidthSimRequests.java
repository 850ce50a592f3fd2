package io.switchboard.carrier.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.carrier.sandbox.SimOperation.Kind;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.E164;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads requests to a simulated Bandwidth API the way Bandwidth does: HTTP Basic of the API user
 * first, then the account in the path, then the required fields of {@code createCall} /
 * {@code createMessage} and the destination number. Refusals carry the description Bandwidth
 * would give.
 */
final class BandwidthSimRequests {

    /** Account entry holding the messaging application's callback URL (a dashboard setting at Bandwidth). */
    static final String MESSAGING_CALLBACK_URL = "messaging_callback_url";
    /** Account entry a sandbox may set to the account's webhook base; the callback URL is then {@code <base>/sms}. */
    static final String WEBHOOK_BASE_URL = "webhook_base_url";

    private static final Pattern CALLS = Pattern.compile("^/api/v2/accounts/([^/]+)/calls$");
    private static final Pattern CALL = Pattern.compile("^/api/v2/accounts/([^/]+)/calls/([^/]+)$");
    private static final Pattern MESSAGES = Pattern.compile("^/api/v2/users/([^/]+)/messages$");

    private BandwidthSimRequests() {
    }

    static SimOperation read(CarrierHttpRequest request, Map<String, String> account) {
        String path = request.url().split("\\?", 2)[0];
        String method = request.method();
        Matcher calls = CALLS.matcher(path);
        Matcher call = CALL.matcher(path);
        Matcher messages = MESSAGES.matcher(path);
        Kind kind;
        String pathAccount;
        if (calls.matches() && ("POST".equals(method) || "GET".equals(method))) {
            kind = "POST".equals(method) ? Kind.CREATE_CALL : Kind.PROBE;
            pathAccount = calls.group(1);
        } else if (call.matches() && ("POST".equals(method) || "GET".equals(method))) {
            kind = "POST".equals(method) ? Kind.HANG_UP : Kind.FETCH_CALL;
            pathAccount = call.group(1);
        } else if (messages.matches() && "POST".equals(method)) {
            kind = Kind.SEND_MESSAGE;
            pathAccount = messages.group(1);
        } else {
            return SimOperation.refused(Kind.UNKNOWN, new SimError(SimError.Kind.NOT_FOUND, method + " " + path));
        }
        String expected = Signing.basic(account.get("username"), account.get("password"));
        if (!Signing.constantTimeEquals(expected, request.header("Authorization"))) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.UNAUTHORIZED,
                    "The provided credentials are not authorized to access this resource."));
        }
        if (!pathAccount.equals(account.get("account_id"))) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.UNAUTHORIZED,
                    "The user is not authorized to access account " + pathAccount));
        }
        return switch (kind) {
            case CREATE_CALL -> createCall(request, account);
            case SEND_MESSAGE -> createMessage(request, account);
            case HANG_UP -> updateCall(request, call.group(2));
            case FETCH_CALL -> SimOperation.on(kind, call.group(2));
            default -> SimOperation.on(kind, null);
        };
    }

    private static SimOperation createCall(CarrierHttpRequest request, Map<String, String> account) {
        JsonNode body = CarrierJson.readOrNull(request.body());
        if (body == null || !body.isObject()) {
            return invalid(Kind.CREATE_CALL, "Request body is not a JSON object");
        }
        for (String field : new String[] {"to", "from", "applicationId", "answerUrl"}) {
            if (CarrierJson.text(body, field) == null) {
                return invalid(Kind.CREATE_CALL, "Missing required field: " + field);
            }
        }
        SimOperation refused = checkNumbers(Kind.CREATE_CALL, CarrierJson.text(body, "to"), CarrierJson.text(body, "from"));
        if (refused != null) {
            return refused;
        }
        if (!CarrierJson.text(body, "applicationId").equals(account.get("application_id"))) {
            return invalid(Kind.CREATE_CALL, "Invalid applicationId: not an application of this account");
        }
        Map<String, String> callbacks = new LinkedHashMap<>();
        callbacks.put("answer", CarrierJson.text(body, "answerUrl"));
        if (CarrierJson.text(body, "disconnectUrl") != null) {
            callbacks.put("disconnect", CarrierJson.text(body, "disconnectUrl"));
        }
        return new SimOperation(Kind.CREATE_CALL, null, CarrierJson.text(body, "to"), CarrierJson.text(body, "from"),
                null, callbacks, CarrierJson.text(body, "tag"), null);
    }

    private static SimOperation createMessage(CarrierHttpRequest request, Map<String, String> account) {
        JsonNode body = CarrierJson.readOrNull(request.body());
        if (body == null || !body.isObject()) {
            return invalid(Kind.SEND_MESSAGE, "Request body is not a JSON object");
        }
        if (CarrierJson.text(body, "applicationId") == null) {
            return invalid(Kind.SEND_MESSAGE, "Missing required field: applicationId");
        }
        JsonNode to = body.path("to");
        if (!to.isArray() || to.isEmpty()) {
            return invalid(Kind.SEND_MESSAGE, "Missing required field: to");
        }
        if (CarrierJson.text(body, "from") == null) {
            return invalid(Kind.SEND_MESSAGE, "Missing required field: from");
        }
        if (CarrierJson.text(body, "text") == null && !body.has("media")) {
            return invalid(Kind.SEND_MESSAGE, "Missing required field: text");
        }
        SimOperation refused = checkNumbers(Kind.SEND_MESSAGE, to.get(0).asText(), CarrierJson.text(body, "from"));
        if (refused != null) {
            return refused;
        }
        String callback = account.get(MESSAGING_CALLBACK_URL) != null ? account.get(MESSAGING_CALLBACK_URL)
                : account.get(WEBHOOK_BASE_URL) != null ? account.get(WEBHOOK_BASE_URL) + "/sms" : null;
        Map<String, String> callbacks = callback == null ? Map.of() : Map.of("status", callback);
        return new SimOperation(Kind.SEND_MESSAGE, null, to.get(0).asText(), CarrierJson.text(body, "from"),
                CarrierJson.text(body, "text"), callbacks, CarrierJson.text(body, "tag"), null);
    }

    private static SimOperation updateCall(CarrierHttpRequest request, String callId) {
        JsonNode body = CarrierJson.readOrNull(request.body());
        if (body == null || !"completed".equals(CarrierJson.text(body, "state"))) {
            return invalid(Kind.HANG_UP, "Invalid state: only 'completed' is supported by this simulator");
        }
        return SimOperation.on(Kind.HANG_UP, callId);
    }

    private static SimOperation checkNumbers(Kind kind, String to, String from) {
        if (!valid(to)) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_NUMBER,
                    "Invalid to: '" + to + "' must be replaced with a valid E164 formatted telephone number"));
        }
        if (!valid(from)) {
            return invalid(kind, "Invalid from: '" + from + "' must be a valid E164 formatted telephone number");
        }
        return null;
    }

    private static boolean valid(String number) {
        try {
            return E164.parse("to", number).value().equals(number);
        } catch (SwitchboardException e) {
            return false;
        }
    }

    private static SimOperation invalid(Kind kind, String description) {
        return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_REQUEST, description));
    }
}
