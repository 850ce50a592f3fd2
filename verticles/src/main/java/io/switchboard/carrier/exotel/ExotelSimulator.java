package io.switchboard.carrier.exotel;

import static io.switchboard.carrier.sandbox.SimForms.value;
import static io.switchboard.carrier.sandbox.SimIds.hex;

import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimForms;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.carrier.sandbox.SimOperation.Kind;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Exotel side of a sandbox carrier: reads Voice v1 / SMS v1 requests
 * ({@code POST .../Calls/connect.json}, {@code GET .../Calls/{CallSid}.json},
 * {@code POST .../Sms/send.json}, {@code GET .../Balance.json}) as Exotel checks them (HTTP Basic
 * {@code api_key:api_token} and the account in the path; required {@code From}, {@code To},
 * {@code CallerId} or {@code Body}; an E.164 {@code To}), answers with Exotel's JSON shapes
 * ({@code ExotelResources}, JSON only) and writes status callbacks ({@code ExotelCallbacks}).
 * Exotel has no hang-up endpoint, so the sandbox serves none. Ids are 32 lower-case hex digits.
 *
 * <p>Follows <a href="https://developer.exotel.com/api/make-a-call-api">Connect two numbers</a> and
 * <a href="https://developer.exotel.com/api-console/send-sms-api-console">Send SMS</a>.
 */
public final class ExotelSimulator implements ProviderSimulator {

    private static final Pattern CONNECT = Pattern.compile("/v1/Accounts/([^/]+)/Calls/connect\\.json");
    private static final Pattern CALL = Pattern.compile("/v1/Accounts/([^/]+)/Calls/([^/]+)\\.json");
    private static final Pattern SMS = Pattern.compile("/v1/Accounts/([^/]+)/Sms/send\\.json");
    private static final Pattern BALANCE = Pattern.compile("/v1/Accounts/([^/]+)/Balance\\.json");

    /**
     * @return {@code api_key}, {@code api_token}, {@code account_sid} ({@code sandbox} + 8 hex) and
     *     the webhook credentials {@code webhook_username}, {@code webhook_password}
     */
    @Override
    public Map<String, String> newAccount(SecureRandom random) {
        return Map.of("api_key", hex(random, 16), "api_token", hex(random, 16), "account_sid", "sandbox" + hex(random, 4),
                "webhook_username", "exotel-" + hex(random, 4), "webhook_password", hex(random, 16));
    }

    /** Authentication first (401), then the fields of the operation (400). */
    @Override
    public SimOperation read(CarrierHttpRequest request, Map<String, String> account) {
        String path = request.url().split("\\?", 2)[0];
        boolean post = "POST".equals(request.method());
        Matcher matcher;
        Kind kind;
        if ((matcher = CONNECT.matcher(path)).matches() && post) {
            kind = Kind.CREATE_CALL;
        } else if ((matcher = SMS.matcher(path)).matches() && post) {
            kind = Kind.SEND_MESSAGE;
        } else if ((matcher = BALANCE.matcher(path)).matches() && !post) {
            kind = Kind.PROBE;
        } else if ((matcher = CALL.matcher(path)).matches() && !post) {
            kind = Kind.FETCH_CALL;
        } else {
            return SimOperation.refused(Kind.UNKNOWN, new SimError(SimError.Kind.NOT_FOUND,
                    "Resource not found: " + request.method() + " " + path));
        }
        String expected = Signing.basic(account.get("api_key"), account.get("api_token"));
        if (!Signing.constantTimeEquals(expected, request.header("Authorization"))
                || !matcher.group(1).equals(account.get("account_sid"))) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.UNAUTHORIZED, "Authentication is required"));
        }
        Map<String, List<String>> form = post ? SimForms.parse(request) : Map.of();
        return switch (kind) {
            case CREATE_CALL -> create(kind, form, "From", "To", "CallerId");
            case SEND_MESSAGE -> create(kind, form, "From", "To", "Body");
            case FETCH_CALL -> SimOperation.on(kind, matcher.group(2));
            default -> SimOperation.on(kind, null);
        };
    }

    /** @return 32 lower-case hex digits, for calls and messages alike */
    @Override
    public String newId(SecureRandom random, boolean message) {
        return hex(random, 16);
    }

    /** @return 200 with {@code {"Call":{...}}} or {@code {"SMSMessage":{...}}} */
    @Override
    public CarrierHttpResponse accepted(SimCall call) {
        return ExotelResources.json(200, call.message() ? ExotelResources.sms(call) : ExotelResources.call(call));
    }

    /** @return 200 with {@code {"Call":{...}}} in its current state */
    @Override
    public CarrierHttpResponse fetched(SimCall call) {
        return ExotelResources.json(200, call.message() ? ExotelResources.sms(call) : ExotelResources.call(call));
    }

    /** @return 404 RestException: Exotel v1 has no hang-up endpoint */
    @Override
    public CarrierHttpResponse hungUp(SimCall call) {
        return ExotelResources.error(404, "Exotel v1 has no endpoint to hang up call " + call.id());
    }

    /** @return 200 with the account balance */
    @Override
    public CarrierHttpResponse probed(Map<String, String> account) {
        return ExotelResources.json(200, ExotelResources.balance(account.get("account_sid")));
    }

    /** @return the RestException body with the kind's status (the engine adds {@code Retry-After} to 429) */
    @Override
    public CarrierHttpResponse error(SimError error) {
        return ExotelResources.error(error);
    }

    /** @return the status callbacks Exotel sends for {@code event} (see {@code ExotelCallbacks}) */
    @Override
    public List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        return ExotelCallbacks.callbacks(call, event, now);
    }

    private static SimOperation create(Kind kind, Map<String, List<String>> form, String... required) {
        for (String name : required) {
            if (value(form, name) == null) {
                return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_REQUEST,
                        "Missing parameter " + name));
            }
        }
        String to = value(form, "To");
        if (!SimForms.E164.matcher(to).matches()) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_NUMBER, "Invalid To number " + to));
        }
        String callback = value(form, "StatusCallback");
        return new SimOperation(kind, null, to, value(form, "From"), kind == Kind.SEND_MESSAGE ? value(form, "Body") : null,
                callback == null ? Map.of() : Map.of("status", callback), value(form, "CustomField"), null);
    }
}
