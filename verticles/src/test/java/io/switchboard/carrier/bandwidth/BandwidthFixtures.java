package io.switchboard.carrier.bandwidth;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Bandwidth account, calls, messages and webhooks for the tests. */
final class BandwidthFixtures {

    static final String WEBHOOK_BASE = "https://sb.example.com/v1/webhooks/bw-test";

    private BandwidthFixtures() {
    }

    static Map<String, String> credentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("account_id", "9900000");
        credentials.put("username", "api-user");
        credentials.put("password", "api-secret");
        credentials.put("webhook_username", "hook-user");
        credentials.put("webhook_password", "hook-secret");
        credentials.put("application_id", "93de2206-9669-4e07-948d-329f4b722ee2");
        return credentials;
    }

    /** A live account (Bandwidth's own hosts). */
    static CarrierAccount account() {
        return new CarrierAccount("bw-test", "bandwidth", BandwidthProvider.VOICE_BASE_URL, credentials(), Map.of(),
                WEBHOOK_BASE);
    }

    /** A sandbox account: its own base URL, credentials from the simulator. */
    static CarrierAccount account(Map<String, String> credentials, String baseUrl) {
        return new CarrierAccount("bw-test", "bandwidth", baseUrl, credentials, Map.of(), WEBHOOK_BASE);
    }

    static OutboundCall call() {
        return CarrierTestSupport.londonCall();
    }

    static OutboundMessage message() {
        return CarrierTestSupport.londonMessage();
    }

    /** @return the webhook a request to {@code WEBHOOK_BASE/...} is as received */
    static InboundWebhook webhook(CarrierHttpRequest request) {
        return CarrierTestSupport.inbound(request, WEBHOOK_BASE);
    }

    static InboundWebhook webhook(String path, String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return new InboundWebhook("POST", WEBHOOK_BASE + path, path.split("\\?", 2)[0], all,
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    static String resource(String name) {
        return CarrierTestSupport.resource("bandwidth", name);
    }
}
