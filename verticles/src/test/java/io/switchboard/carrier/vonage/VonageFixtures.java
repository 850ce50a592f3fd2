package io.switchboard.carrier.vonage;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;

/** A Vonage account (one RSA key pair per test run), calls, messages and webhooks for the tests. */
final class VonageFixtures {

    static final String WEBHOOK_BASE = "https://sb.example.com/v1/webhooks/vonage-test";
    /** Credentials from the simulator: application_id, private_key, public_key, signature_secret, api_key, api_secret. */
    static final Map<String, String> CREDENTIALS = Map.copyOf(new VonageSimulator().newAccount(new SecureRandom()));

    private VonageFixtures() {
    }

    /** A live account (Vonage's own hosts). */
    static CarrierAccount account() {
        return account(Map.of());
    }

    static CarrierAccount account(Map<String, String> settings) {
        return new CarrierAccount("vonage-test", "vonage", VonageProvider.VOICE_BASE_URL, CREDENTIALS, settings,
                WEBHOOK_BASE);
    }

    static CarrierAccount sandbox(Map<String, String> credentials, String baseUrl) {
        return new CarrierAccount("vonage-test", "vonage", baseUrl, credentials, Map.of(), WEBHOOK_BASE);
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

    static InboundWebhook webhook(String method, String path, String body, Map<String, String> headers) {
        return new InboundWebhook(method, WEBHOOK_BASE + path, path.split("\\?", 2)[0], headers,
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    static String resource(String name) {
        return CarrierTestSupport.resource("vonage", name);
    }
}
