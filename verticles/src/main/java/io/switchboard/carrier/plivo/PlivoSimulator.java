package io.switchboard.carrier.plivo;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.carrier.sandbox.SimOperation.Kind;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.E164;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Plivo side of a sandbox carrier: reads requests as the Plivo API v1 would (HTTP Basic
 * {@code auth_id:auth_token} for the account named in the path; a call needs {@code from},
 * {@code to} and {@code answer_url}; a message needs {@code src}, {@code dst} and {@code text};
 * numbers with or without the {@code +}), answers with Plivo's response and error shapes
 * ({@link PlivoSimBodies}) and writes V3-signed form callbacks ({@link PlivoSimWebhooks}).
 *
 * <p>Paths served, under {@code /v1/Account/{auth_id}/}: {@code POST Call/}, {@code GET Call/{uuid}/},
 * {@code DELETE Call/{uuid}/}, {@code DELETE Request/{uuid}/}, {@code POST Message/} and
 * {@code GET} of the account itself. The engine knows a call by its {@code request_uuid} (the id
 * {@link #newId} gives); its {@code CallUUID} is derived from it by {@link #callUuid}, an
 * involution (hex digits reversed), so a fetch or hang-up by {@code CallUUID} is turned back into
 * the engine's id. A {@code Call/} path with a {@code request_uuid} therefore finds no call, as on
 * Plivo.
 */
public final class PlivoSimulator implements ProviderSimulator {

    private static final Pattern PATH = Pattern.compile(
            "/v1/Account/([^/]+)/(?:(Call|Request|Message)/(?:([^/]+)/?)?)?");
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM = UPPER_ALNUM + "abcdefghijklmnopqrstuvwxyz";

    /** @return {@code auth_id} ({@code MA} + 18 upper-case characters) and a 40-character {@code auth_token} */
    @Override
    public Map<String, String> newAccount(SecureRandom random) {
        return Map.of(PlivoProvider.AUTH_ID, "MA" + random(random, UPPER_ALNUM, 18),
                PlivoProvider.AUTH_TOKEN, random(random, ALNUM, 40));
    }

    @Override
    public SimOperation read(CarrierHttpRequest request, Map<String, String> account) {
        Matcher path = PATH.matcher(request.url().split("\\?", 2)[0]);
        boolean matched = path.matches();
        Kind kind = matched ? kind(request.method(), path.group(2), path.group(3)) : Kind.UNKNOWN;
        String authId = account.get(PlivoProvider.AUTH_ID);
        boolean authentic = Signing.basic(authId, account.get(PlivoProvider.AUTH_TOKEN))
                .equals(request.header("Authorization"));
        if (!authentic || matched && !authId.equals(path.group(1))) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.UNAUTHORIZED,
                    "Authentication credentials invalid"));
        }
        if (!matched) {
            return SimOperation.on(Kind.UNKNOWN, null);
        }
        return switch (kind) {
            case CREATE_CALL -> create(request, Kind.CREATE_CALL, "from", "to", "answer_url");
            case SEND_MESSAGE -> create(request, Kind.SEND_MESSAGE, "src", "dst", "text");
            case FETCH_CALL -> SimOperation.on(kind, callUuid(path.group(3)));
            case HANG_UP -> SimOperation.on(kind,
                    "Call".equals(path.group(2)) ? callUuid(path.group(3)) : path.group(3));
            case PROBE, UNKNOWN -> SimOperation.on(kind, null);
        };
    }

    /** @return a random UUID (the {@code request_uuid} of a call, the {@code message_uuid} of a message) */
    @Override
    public String newId(SecureRandom random, boolean message) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low).toString();
    }

    /**
     * @param uuid a {@code request_uuid} or a {@code CallUUID}
     * @return the other one: the 32 hex digits reversed, formatted 8-4-4-4-12 (an involution);
     *     anything not a UUID is returned unchanged
     */
    public static String callUuid(String uuid) {
        String hex = uuid.replace("-", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            return uuid;
        }
        String r = new StringBuilder(hex).reverse().toString();
        return r.substring(0, 8) + "-" + r.substring(8, 12) + "-" + r.substring(12, 16) + "-" + r.substring(16, 20)
                + "-" + r.substring(20);
    }

    @Override
    public CarrierHttpResponse accepted(SimCall call) {
        return PlivoSimBodies.accepted(call);
    }

    @Override
    public CarrierHttpResponse fetched(SimCall call) {
        return PlivoSimBodies.fetched(call);
    }

    @Override
    public CarrierHttpResponse hungUp(SimCall call) {
        return new CarrierHttpResponse(204, Map.of(), null);
    }

    @Override
    public CarrierHttpResponse probed(Map<String, String> account) {
        return PlivoSimBodies.account(account.get(PlivoProvider.AUTH_ID));
    }

    @Override
    public CarrierHttpResponse error(SimError error) {
        return PlivoSimBodies.error(error);
    }

    @Override
    public List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        return PlivoSimWebhooks.callbacks(call, event, account.get(PlivoProvider.AUTH_TOKEN), now);
    }

    private static Kind kind(String method, String resource, String id) {
        if (resource == null) {
            return "GET".equals(method) ? Kind.PROBE : Kind.UNKNOWN;
        }
        boolean call = "Call".equals(resource);
        if (id == null) {
            return !"POST".equals(method) ? Kind.UNKNOWN : call ? Kind.CREATE_CALL
                    : "Message".equals(resource) ? Kind.SEND_MESSAGE : Kind.UNKNOWN;
        }
        if ("DELETE".equals(method) && !"Message".equals(resource)) {
            return Kind.HANG_UP;
        }
        return "GET".equals(method) && call ? Kind.FETCH_CALL : Kind.UNKNOWN;
    }

    private static SimOperation create(CarrierHttpRequest request, Kind kind, String from, String to, String third) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(request.body());
        } catch (IOException notJson) {
            body = null;
        }
        for (String field : List.of(from, to, third)) {
            JsonNode value = body == null ? null : body.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_REQUEST,
                        field + " is a required field"));
            }
        }
        String destination = body.get(to).asText().trim();
        String e164 = destination.startsWith("+") ? destination : "+" + destination;
        try {
            e164 = E164.parse(to, e164).value();
        } catch (SwitchboardException invalid) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.INVALID_NUMBER,
                    "invalid destination number '" + destination + "' in " + to));
        }
        Map<String, String> callbacks = new LinkedHashMap<>();
        if (kind == Kind.CREATE_CALL) {
            for (String purpose : List.of("ring", "answer", "hangup")) {
                String url = body.path(purpose + "_url").asText(null);
                if (url != null) {
                    callbacks.put(purpose, url);
                }
            }
        } else if (body.hasNonNull("url")) {
            callbacks.put("status", body.get("url").asText());
        }
        String text = kind == Kind.SEND_MESSAGE ? body.get(third).asText() : null;
        return new SimOperation(kind, null, e164, body.get(from).asText(), text, callbacks, null, null);
    }

    private static String random(SecureRandom random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
