package io.switchboard.carrier.exotel;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import io.switchboard.contract.model.E164;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared test data for the Exotel tests. */
final class ExotelFixtures {

    static final String WEBHOOKS = "https://sb.example.com/v1/webhooks/exotel-in";
    static final Map<String, String> CREDENTIALS = Map.of("api_key", "key-2b04c2", "api_token", "token-a1b2c3",
            "account_sid", "acme1", "webhook_username", "exotel-hooks", "webhook_password", "p@ss word:1");
    static final String CALL_ID = "6b0e7f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String MESSAGE_ID = "msg-42";

    private ExotelFixtures() {
    }

    static CarrierAccount account() {
        return account(Map.of());
    }

    static CarrierAccount account(Map<String, String> settings) {
        return new CarrierAccount("exotel-in", "exotel", "https://api.in.exotel.com", CREDENTIALS, settings, WEBHOOKS);
    }

    static OutboundCall call() {
        return new OutboundCall(CALL_ID, 1, E164.parse("to", "+919876543210"), E164.parse("from", "+918047112233"),
                "Acme", 30, false);
    }

    static OutboundMessage message(String text) {
        return new OutboundMessage(MESSAGE_ID, 1, E164.parse("to", "+919876543210"),
                E164.parse("from", "+918047112233"), text);
    }

    static Map<String, List<String>> form(CarrierHttpRequest request) {
        return new QueryStringDecoder(request.bodyText(), StandardCharsets.UTF_8, false).parameters();
    }

    /** @return a callback as the webhook router hands it over (URL without user information) */
    static InboundWebhook inbound(CarrierHttpRequest request) {
        return CarrierTestSupport.inbound(request, WEBHOOKS);
    }

    static InboundWebhook webhook(String path, String contentType, String body, String authorization) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return new InboundWebhook("POST", WEBHOOKS + path, path, headers, body.getBytes(StandardCharsets.UTF_8),
                "203.0.113.9");
    }

    static CarrierHttpResponse response(int status, Map<String, List<String>> headers, String body) {
        return new CarrierHttpResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static String resource(String name) {
        return CarrierTestSupport.resource("exotel", name);
    }
}
