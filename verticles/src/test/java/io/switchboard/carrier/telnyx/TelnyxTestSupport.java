package io.switchboard.carrier.telnyx;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Accounts, calls and conversions shared by the Telnyx tests. */
final class TelnyxTestSupport {

    static final String WEBHOOK_BASE = "https://sb.example.com/v1/webhooks/telnyx-eu";
    static final String BASE_URL = "https://api.telnyx.com";

    private TelnyxTestSupport() {
    }

    static CarrierAccount account(Map<String, String> credentials) {
        return new CarrierAccount("telnyx-eu", "telnyx", BASE_URL, credentials, Map.of(), WEBHOOK_BASE);
    }

    static CarrierAccount account() {
        return account(Map.of("api_key", "KEY0123_secret", "connection_id", "1494404757140276705",
                "public_key", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="));
    }

    static OutboundCall call() {
        return CarrierTestSupport.usCall(2, "Acme Support", 45);
    }

    static OutboundMessage message() {
        return CarrierTestSupport.usMessage();
    }

    /** @return a webhook the simulator sent, as the webhook ingress hands it to the provider */
    static InboundWebhook inbound(CarrierHttpRequest callback) {
        return CarrierTestSupport.inbound(callback, WEBHOOK_BASE);
    }

    static InboundWebhook webhook(String path, String body) {
        return new InboundWebhook("POST", WEBHOOK_BASE + path, path, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    static String resource(String name) {
        return CarrierTestSupport.resource("telnyx", name);
    }
}
