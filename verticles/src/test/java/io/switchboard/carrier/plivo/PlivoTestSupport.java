package io.switchboard.carrier.plivo;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierTestSupport;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import java.util.HashMap;
import java.util.Map;

/** Accounts, calls and conversions shared by the Plivo tests. */
final class PlivoTestSupport {

    static final String WEBHOOK_BASE = "https://sb.example.com/v1/webhooks/plivo";
    static final String AUTH_ID = "MAXXXXXXXXXXXXXXXXXX";

    private PlivoTestSupport() {
    }

    static CarrierAccount account(Map<String, String> credentials) {
        return new CarrierAccount("plivo", "plivo", "https://api.plivo.com", credentials, Map.of(), WEBHOOK_BASE);
    }

    static CarrierAccount account() {
        return account(Map.of("auth_id", AUTH_ID, "auth_token", "my_auth_token"));
    }

    static OutboundCall call() {
        return CarrierTestSupport.usCall(1, "Acme", 40);
    }

    static OutboundMessage message() {
        return CarrierTestSupport.usMessage();
    }

    static InboundWebhook inbound(CarrierHttpRequest callback) {
        return CarrierTestSupport.inbound(callback, WEBHOOK_BASE);
    }

    /** @return an unsigned form POST to {@code WEBHOOK_BASE + path} */
    static InboundWebhook form(String path, FormBody body) {
        return signedForm(path, body, null, null);
    }

    /** @return a form POST with the V3 headers given (null leaves one out) */
    static InboundWebhook signedForm(String path, FormBody body, String signature, String nonce) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", FormBody.CONTENT_TYPE);
        if (signature != null) {
            headers.put("X-Plivo-Signature-V3", signature);
        }
        if (nonce != null) {
            headers.put("X-Plivo-Signature-V3-Nonce", nonce);
        }
        return new InboundWebhook("POST", WEBHOOK_BASE + path, path, headers, body.bytes(), "127.0.0.1");
    }

    static String resource(String name) {
        return CarrierTestSupport.resource("plivo", name);
    }
}
