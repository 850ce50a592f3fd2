package io.switchboard.carrier.twilio;

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
import java.util.List;
import java.util.Map;

/** Shared test data for the Twilio tests: an account, a call, a message, fixtures. */
final class TwilioFixtures {

    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String WEBHOOKS = "https://sb.example.com/v1/webhooks/twilio-us";
    static final String CALL_ID = "3f6c1a2e-8d4b-4c1e-9a7f-0b2d4e6f8a1c";
    static final String MESSAGE_ID = "msg-7d1e";

    private TwilioFixtures() {
    }

    static CarrierAccount account() {
        return new CarrierAccount("twilio-us", "twilio", "https://api.twilio.com",
                Map.of("account_sid", SID, "auth_token", TOKEN), Map.of(), WEBHOOKS);
    }

    static OutboundCall call() {
        return new OutboundCall(CALL_ID, 1, E164.parse("to", "+14155550100"), E164.parse("from", "+16502530000"),
                "Acme Support", 25, true);
    }

    static OutboundMessage message() {
        return new OutboundMessage(MESSAGE_ID, 1, E164.parse("to", "+14155550100"),
                E164.parse("from", "+16502530000"), "Your code is 123456 & ok");
    }

    /** @return the form fields of a request body, every value of a repeated name */
    static Map<String, List<String>> form(CarrierHttpRequest request) {
        return new QueryStringDecoder(request.bodyText(), StandardCharsets.UTF_8, false).parameters();
    }

    /** @return the request a carrier sent, as the webhook router hands it to the provider */
    static InboundWebhook inbound(CarrierHttpRequest request) {
        return CarrierTestSupport.inbound(request, WEBHOOKS);
    }

    static CarrierHttpResponse response(int status, Map<String, List<String>> headers, String body) {
        return new CarrierHttpResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static String resource(String name) {
        return CarrierTestSupport.resource("twilio", name);
    }
}
