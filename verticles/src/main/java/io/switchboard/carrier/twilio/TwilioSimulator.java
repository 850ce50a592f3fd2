package io.switchboard.carrier.twilio;

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
 * The Twilio side of a sandbox carrier: reads REST API 2010-04-01 requests
 * ({@code POST .../Calls.json}, {@code GET|POST .../Calls/{Sid}.json}, {@code POST .../Messages.json},
 * {@code GET /2010-04-01/Accounts/{Sid}.json}) as Twilio checks them (HTTP Basic
 * {@code AccountSid:AuthToken} and the account in the path, required fields, an E.164 {@code To}),
 * answers with Twilio's resource and error shapes ({@code TwilioResources}) and writes signed status
 * callbacks ({@code TwilioCallbacks}). Ids: {@code CA}/{@code SM} + 32 lower-case hex.
 *
 * <p>Follows <a href="https://www.twilio.com/docs/voice/api/call-resource">Call resource</a>,
 * <a href="https://www.twilio.com/docs/messaging/api/message-resource">Message resource</a> and
 * <a href="https://www.twilio.com/docs/iam/api/account">Account resource</a>.
 */
public final class TwilioSimulator implements ProviderSimulator {

    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls\\.json");
    private static final Pattern CALL = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls/([^/]+)\\.json");
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern ACCOUNT = Pattern.compile("/2010-04-01/Accounts/([^/]+)\\.json");

    /** @return {@code account_sid} ({@code AC} + 32 hex) and {@code auth_token} (32 hex) */
    @Override
    public Map<String, String> newAccount(SecureRandom random) {
        return Map.of("account_sid", "AC" + hex(random, 16), "auth_token", hex(random, 16));
    }

    /** Authentication first (401, code 20003), then the fields of the operation (400). */
    @Override
    public SimOperation read(CarrierHttpRequest request, Map<String, String> account) {
        String path = request.url().split("\\?", 2)[0];
        Matcher matcher;
        Kind kind;
        String callSid = null;
        if ((matcher = CALLS.matcher(path)).matches() && "POST".equals(request.method())) {
            kind = Kind.CREATE_CALL;
        } else if ((matcher = CALL.matcher(path)).matches() && ("GET".equals(request.method())
                || "POST".equals(request.method()))) {
            kind = "GET".equals(request.method()) ? Kind.FETCH_CALL : Kind.HANG_UP;
            callSid = matcher.group(2);
        } else if ((matcher = MESSAGES.matcher(path)).matches() && "POST".equals(request.method())) {
            kind = Kind.SEND_MESSAGE;
        } else if ((matcher = ACCOUNT.matcher(path)).matches() && "GET".equals(request.method())) {
            kind = Kind.PROBE;
        } else {
            return SimOperation.refused(Kind.UNKNOWN, new SimError(SimError.Kind.NOT_FOUND,
                    "The requested resource " + path + " was not found"));
        }
        String expected = Signing.basic(account.get("account_sid"), account.get("auth_token"));
        if (!Signing.constantTimeEquals(expected, request.header("Authorization"))
                || !matcher.group(1).equals(account.get("account_sid"))) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.UNAUTHORIZED, "Authenticate"));
        }
        Map<String, List<String>> form = "POST".equals(request.method()) ? SimForms.parse(request) : Map.of();
        return switch (kind) {
            case CREATE_CALL -> create(kind, form, "Url", "Twiml", "ApplicationSid");
            case SEND_MESSAGE -> create(kind, form, "Body", "MediaUrl", "ContentSid");
            case HANG_UP -> List.of("canceled", "completed").contains(value(form, "Status"))
                    ? SimOperation.on(kind, callSid)
                    : SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_REQUEST,
                            "Status must be canceled or completed"));
            default -> SimOperation.on(kind, callSid);
        };
    }

    /** @return {@code CA} (call) or {@code SM} (message) and 32 lower-case hex digits */
    @Override
    public String newId(SecureRandom random, boolean message) {
        return (message ? "SM" : "CA") + hex(random, 16);
    }

    /** @return 201 with the call or message resource */
    @Override
    public CarrierHttpResponse accepted(SimCall call) {
        return TwilioResources.json(201, call.message() ? TwilioResources.message(call) : TwilioResources.call(call));
    }

    /** @return 200 with the call resource in its current state */
    @Override
    public CarrierHttpResponse fetched(SimCall call) {
        return TwilioResources.json(200, call.message() ? TwilioResources.message(call) : TwilioResources.call(call));
    }

    /** @return 200 with the updated call resource ({@code canceled} or {@code completed}) */
    @Override
    public CarrierHttpResponse hungUp(SimCall call) {
        return TwilioResources.json(200, TwilioResources.call(call));
    }

    /** @return 200 with the account resource */
    @Override
    public CarrierHttpResponse probed(Map<String, String> account) {
        return TwilioResources.json(200, TwilioResources.account(account.get("account_sid")));
    }

    /** @return Twilio's error body with the kind's status (the engine adds {@code Retry-After} to 429) */
    @Override
    public CarrierHttpResponse error(SimError error) {
        return TwilioResources.error(error);
    }

    /** @return the signed status callbacks Twilio sends for {@code event} (see {@code TwilioCallbacks}) */
    @Override
    public List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        return TwilioCallbacks.callbacks(call, event, account, now);
    }

    private static SimOperation create(Kind kind, Map<String, List<String>> form, String... instructions) {
        String to = value(form, "To");
        String from = value(form, "From");
        String missing = to == null ? "To" : null;
        if (missing == null && from == null && (kind == Kind.CREATE_CALL || value(form, "MessagingServiceSid") == null)) {
            missing = "From";
        }
        if (missing == null && List.of(instructions).stream().allMatch(name -> value(form, name) == null)) {
            missing = String.join(", ", instructions);
        }
        if (missing != null) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_REQUEST,
                    "Missing required parameter " + missing));
        }
        if (!SimForms.E164.matcher(to).matches()) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_NUMBER,
                    "The 'To' number " + to + " is not a valid phone number."));
        }
        String callback = value(form, "StatusCallback");
        return new SimOperation(kind, null, to, from, kind == Kind.SEND_MESSAGE ? value(form, "Body") : null,
                callback == null ? Map.of() : Map.of("status", callback), null, null);
    }
}
