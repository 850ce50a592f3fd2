package io.switchboard.carrier.sinch;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Sinch account, calls, messages and webhooks for the tests. */
final class SinchFixtures {

    static final String WEBHOOK_BASE = "https://sb.example.com/v1/webhooks/sinch-test";

    private SinchFixtures() {
    }

    static Map<String, String> credentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("application_key", "my-key-id");
        credentials.put("application_secret", "bXkta2V5LXNlY3JldA==");
        credentials.put("service_plan_id", "a1b2c3d4e5f6");
        credentials.put("api_token", "token-123");
        credentials.put("webhook_secret", "foo_secret1234");
        return credentials;
    }

    /** A live account (Sinch's own hosts). */
    static CarrierAccount account() {
        return account(Map.of());
    }

    static CarrierAccount account(Map<String, String> settings) {
        return new CarrierAccount("sinch-test", "sinch", SinchProvider.VOICE_BASE_URL, credentials(), settings,
                WEBHOOK_BASE);
    }

    static CarrierAccount sandbox(Map<String, String> credentials, String baseUrl) {
        return new CarrierAccount("sinch-test", "sinch", baseUrl, credentials, Map.of(), WEBHOOK_BASE);
    }

    static OutboundCall call() {
        return CarrierTestSupport.londonCall();
    }

    static OutboundMessage message() {
        return CarrierTestSupport.londonMessage();
    }

    static InboundWebhook webhook(CarrierHttpRequest request) {
        return CarrierTestSupport.inbound(request, WEBHOOK_BASE);
    }

    static InboundWebhook webhook(String url, String path, String body, Map<String, String> headers) {
        return new InboundWebhook("POST", url, path, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    static String resource(String name) {
        return CarrierTestSupport.resource("sinch", name);
    }
}
