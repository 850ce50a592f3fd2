package io.switchboard.carrier.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierJson;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.carrier.sandbox.SimOperation.Kind;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.E164;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads requests to a simulated Vonage the way Vonage does: the Voice API checks the RS256
 * application JWT against the application's public key, the SMS API checks {@code api_key} and
 * {@code api_secret}; then the required fields and the destination number (E.164 digits without
 * {@code +}).
 */
final class VonageSimRequests {

    private static final Pattern CALL = Pattern.compile("^/v1/calls/([^/]+)$");

    private VonageSimRequests() {
    }

    static SimOperation read(CarrierHttpRequest request, Map<String, String> account, Instant now) {
        String path = request.url().split("\\?", 2)[0];
        String method = request.method();
        if ("/sms/json".equals(path) && "POST".equals(method)) {
            return sms(request, account);
        }
        Matcher call = CALL.matcher(path);
        Kind kind;
        if ("/v1/calls".equals(path) || "/v1/calls/".equals(path)) {
            kind = "POST".equals(method) ? Kind.CREATE_CALL : "GET".equals(method) ? Kind.PROBE : Kind.UNKNOWN;
        } else if (call.matches()) {
            kind = "GET".equals(method) ? Kind.FETCH_CALL : "PUT".equals(method) ? Kind.HANG_UP : Kind.UNKNOWN;
        } else {
            kind = Kind.UNKNOWN;
        }
        if (kind == Kind.UNKNOWN) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.NOT_FOUND, method + " " + path));
        }
        String problem = VonageApplicationJwt.problem(request.header("Authorization"), account.get("application_id"),
                account.get("public_key"), now);
        if (problem != null) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.UNAUTHORIZED, "Invalid Token: " + problem));
        }
        return switch (kind) {
            case CREATE_CALL -> createCall(request);
            case HANG_UP -> hangUp(request, call.group(1));
            case FETCH_CALL -> SimOperation.on(kind, call.group(1));
            default -> SimOperation.on(kind, null);
        };
    }

    private static SimOperation createCall(CarrierHttpRequest request) {
        JsonNode body = CarrierJson.readOrNull(request.body());
        if (body == null || !body.isObject()) {
            return invalid(Kind.CREATE_CALL, "Request body is not a JSON object");
        }
        String to = CarrierJson.text(body.path("to").path(0), "number");
        String from = CarrierJson.text(body.path("from"), "number");
        if (to == null) {
            return invalid(Kind.CREATE_CALL, "Missing required field: to");
        }
        if (from == null) {
            return invalid(Kind.CREATE_CALL, "Missing required field: from");
        }
        if (!body.has("ncco") && !body.has("answer_url")) {
            return invalid(Kind.CREATE_CALL, "Missing required field: ncco or answer_url");
        }
        String eventUrl = CarrierJson.text(body.path("event_url"), 0);
        if (eventUrl == null) {
            return invalid(Kind.CREATE_CALL, "Missing required field: event_url");
        }
        if (e164(to) == null) {
            return SimOperation.refused(Kind.CREATE_CALL, new SimError(SimError.Kind.INVALID_NUMBER,
                    "to[0].number '" + to + "' is not a valid E.164 number without '+'"));
        }
        if (e164(from) == null) {
            return invalid(Kind.CREATE_CALL, "from.number '" + from + "' is not a valid E.164 number without '+'");
        }
        Map<String, String> callbacks = new LinkedHashMap<>();
        callbacks.put("event", eventUrl);
        String answerUrl = CarrierJson.text(body.path("answer_url"), 0);
        if (answerUrl != null) {
            callbacks.put("answer", answerUrl);
        }
        return new SimOperation(Kind.CREATE_CALL, null, e164(to), e164(from), null, callbacks, null, null);
    }

    private static SimOperation hangUp(CarrierHttpRequest request, String uuid) {
        JsonNode body = CarrierJson.readOrNull(request.body());
        if (body == null || !"hangup".equals(CarrierJson.text(body, "action"))) {
            return invalid(Kind.HANG_UP, "action: only 'hangup' is supported by this simulator");
        }
        return SimOperation.on(Kind.HANG_UP, uuid);
    }

    private static SimOperation sms(CarrierHttpRequest request, Map<String, String> account) {
        Map<String, List<String>> form = new QueryStringDecoder(request.bodyText(), StandardCharsets.UTF_8, false)
                .parameters();
        if (!Signing.constantTimeEquals(account.get("api_key"), first(form, "api_key"))
                || !Signing.constantTimeEquals(account.get("api_secret"), first(form, "api_secret"))) {
            return SimOperation.refused(Kind.SEND_MESSAGE, new SimError(SimError.Kind.UNAUTHORIZED, "Bad Credentials"));
        }
        for (String field : new String[] {"from", "to", "text"}) {
            if (first(form, field) == null || first(form, field).isEmpty()) {
                return invalid(Kind.SEND_MESSAGE, "Missing " + field + " param");
            }
        }
        String to = e164(first(form, "to"));
        if (to == null) {
            return SimOperation.refused(Kind.SEND_MESSAGE, new SimError(SimError.Kind.INVALID_NUMBER, "Invalid to address"));
        }
        String callback = first(form, "callback");
        return new SimOperation(Kind.SEND_MESSAGE, null, to, "+" + first(form, "from"), first(form, "text"),
                callback == null ? Map.of() : Map.of("dlr", callback), first(form, "client-ref"), null);
    }

    /** @return {@code +digits} when {@code digits} is a valid number without {@code +}, else null */
    private static String e164(String digits) {
        if (digits == null || !digits.matches("\\d{7,15}")) {
            return null;
        }
        try {
            return E164.parse("to", "+" + digits).value();
        } catch (SwitchboardException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static SimOperation invalid(Kind kind, String detail) {
        return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_REQUEST, detail));
    }
}
