package io.switchboard.carrier.telnyx;

import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.sandbox.ProviderSimulator;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.carrier.sandbox.SimError;
import io.switchboard.carrier.sandbox.SimEvent;
import io.switchboard.carrier.sandbox.SimOperation;
import io.switchboard.carrier.sandbox.SimOperation.Kind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Telnyx side of a sandbox carrier: reads requests exactly as the Telnyx API v2 would
 * (bearer {@code api_key}; Dial needs {@code connection_id} (the account's), {@code to} (+E.164)
 * and {@code from}; a message needs {@code to}, {@code from} and {@code text}), answers with
 * Telnyx's response and error shapes ({@link TelnyxSimBodies}) and writes Ed25519-signed
 * webhooks ({@link TelnyxSimWebhooks}).
 *
 * <p>Paths served: {@code POST /v2/calls}, {@code GET /v2/calls/{id}},
 * {@code POST /v2/calls/{id}/actions/hangup}, {@code POST /v2/messages}, {@code GET /v2/balance}.
 * Request bodies are read by {@link TelnyxSimRequests}. Account credentials: {@code api_key},
 * {@code connection_id}, {@code public_key} and the simulator-only {@code private_key} it signs
 * with (both base64 of raw 32-byte Ed25519 keys).
 */
public final class TelnyxSimulator implements ProviderSimulator {

    /** Simulator-only credential: the Ed25519 private key (base64 of the raw 32-byte seed). */
    public static final String PRIVATE_KEY = "private_key";
    private static final Pattern CALL_PATH = Pattern.compile("/v2/calls/([^/?]+)(/actions/hangup)?");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * @return {@code api_key} ({@code KEY} + 32 hex + {@code _} + 22 characters, Telnyx's shape),
     *     {@code connection_id} (19 digits), and a fresh Ed25519 pair as {@code public_key} and
     *     {@code private_key}
     */
    @Override
    public Map<String, String> newAccount(SecureRandom random) {
        byte[] keyId = new byte[16];
        random.nextBytes(keyId);
        StringBuilder secret = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            secret.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        String connectionId = String.valueOf(1_000_000_000_000_000_000L + (random.nextLong() & Long.MAX_VALUE)
                % 8_000_000_000_000_000_000L);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            KeyPair pair = generator.generateKeyPair();
            String apiKey = "KEY" + HexFormat.of().withUpperCase().formatHex(keyId) + "_" + secret;
            return Map.of(TelnyxProvider.API_KEY, apiKey,
                    TelnyxProvider.CONNECTION_ID, connectionId,
                    TelnyxProvider.PUBLIC_KEY, TelnyxSignature.rawPublicKey(pair.getPublic()),
                    PRIVATE_KEY, TelnyxSignature.rawPrivateKey(pair.getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    @Override
    public SimOperation read(CarrierHttpRequest request, Map<String, String> account) {
        String path = request.url().split("\\?", 2)[0];
        String method = request.method();
        Kind kind = kind(method, path);
        if (!("Bearer " + account.get(TelnyxProvider.API_KEY)).equals(request.header("Authorization"))) {
            return SimOperation.refused(kind, new SimError(SimError.Kind.UNAUTHORIZED,
                    "The API key in the Authorization header is missing or wrong."));
        }
        Matcher call = CALL_PATH.matcher(path);
        return switch (kind) {
            case CREATE_CALL -> TelnyxSimRequests.createCall(request, account);
            case SEND_MESSAGE -> TelnyxSimRequests.sendMessage(request);
            case FETCH_CALL, HANG_UP -> call.matches()
                    ? SimOperation.on(kind, URLDecoder.decode(call.group(1), StandardCharsets.UTF_8))
                    : SimOperation.on(Kind.UNKNOWN, null);
            case PROBE, UNKNOWN -> SimOperation.on(kind, null);
        };
    }

    /** @return {@code v3:} + 40 base64url characters for a call, a random UUID for a message */
    @Override
    public String newId(SecureRandom random, boolean message) {
        byte[] bytes = new byte[message ? 16 : 30];
        random.nextBytes(bytes);
        if (message) {
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
        return "v3:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public CarrierHttpResponse accepted(SimCall call) {
        return TelnyxSimBodies.accepted(call);
    }

    @Override
    public CarrierHttpResponse fetched(SimCall call) {
        return TelnyxSimBodies.fetched(call);
    }

    @Override
    public CarrierHttpResponse hungUp(SimCall call) {
        return TelnyxSimBodies.hungUp();
    }

    @Override
    public CarrierHttpResponse probed(Map<String, String> account) {
        return TelnyxSimBodies.balance();
    }

    @Override
    public CarrierHttpResponse error(SimError error) {
        return TelnyxSimBodies.error(error);
    }

    @Override
    public List<CarrierHttpRequest> callbacks(SimCall call, SimEvent event, Map<String, String> account, Instant now) {
        return TelnyxSimWebhooks.callbacks(call, event, account, now);
    }

    private static Kind kind(String method, String path) {
        Matcher call = CALL_PATH.matcher(path);
        if ("POST".equals(method) && "/v2/calls".equals(path)) {
            return Kind.CREATE_CALL;
        }
        if ("POST".equals(method) && "/v2/messages".equals(path)) {
            return Kind.SEND_MESSAGE;
        }
        if ("GET".equals(method) && "/v2/balance".equals(path)) {
            return Kind.PROBE;
        }
        if (call.matches()) {
            boolean hangUp = call.group(2) != null;
            if (hangUp && "POST".equals(method)) {
                return Kind.HANG_UP;
            }
            if (!hangUp && "GET".equals(method)) {
                return Kind.FETCH_CALL;
            }
        }
        return Kind.UNKNOWN;
    }
}
