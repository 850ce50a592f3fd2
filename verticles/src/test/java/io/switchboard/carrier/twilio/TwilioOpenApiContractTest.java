package io.switchboard.carrier.twilio;

import static io.switchboard.carrier.twilio.TwilioFixtures.account;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.FormBody;
import io.switchboard.carrier.sandbox.SimCall;
import io.switchboard.contract.model.CallState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every request TwilioProvider builds, and the simulator's resources, against Twilio's own OpenAPI
 * document (twilio-oai @d50069b, trimmed to the operations used; see the fixture's README).
 */
class TwilioOpenApiContractTest {

    /**
     * swagger-request-validator reads a form body by guessing each value's JSON type
     * ({@code HttpParsingUtils.parseUrlEncodedFormDataBodyAsJsonNode}: whatever {@code Long.parseLong}
     * accepts becomes a number), so an E.164 {@code +14155550100} is seen as an integer although every
     * form value is text. Only that guess is waived, only for {@code To} and {@code From}; every
     * other check stays (see {@link #timeoutThatIsNotANumberIsReportedInvalid}).
     */
    private static final ValidationErrorsWhitelist E164_AS_INTEGER = ValidationErrorsWhitelist.create()
            .withRule("E.164 numbers in form bodies are text", WhitelistRules.allOf(
                    WhitelistRules.messageHasKey("validation.request.body.schema.type"),
                    WhitelistRules.anyOf(
                            WhitelistRules.messageContainsSubstring("[Path '/To'] Instance type (integer)"),
                            WhitelistRules.messageContainsSubstring("[Path '/From'] Instance type (integer)"))));
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(TwilioFixtures.resource("twilio_api_v2010.trimmed.json"))
            .withWhitelist(E164_AS_INTEGER).build();
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final TwilioProvider twilio = new TwilioProvider();

    @Test
    void createCallConforms() {
        assertValid(twilio.placeCall(account(), TwilioFixtures.call()));
    }

    @Test
    void fetchCallConforms() {
        assertValid(twilio.fetchCall(account(), "CA0123456789abcdef0123456789abcdef"));
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"RINGING", "ANSWERED"})
    void hangUpConforms(CallState state) {
        assertValid(twilio.hangUp(account(), "CA0123456789abcdef0123456789abcdef", state).orElseThrow());
    }

    @Test
    void createMessageConforms() {
        assertValid(twilio.sendMessage(account(), TwilioFixtures.message()));
    }

    @Test
    void probeConforms() {
        assertValid(twilio.probe(account()));
    }

    @Test
    void createCallWithoutToIsReportedInvalid() {
        CarrierHttpRequest placed = twilio.placeCall(account(), TwilioFixtures.call());
        FormBody withoutTo = new FormBody();
        TwilioFixtures.form(placed).forEach((name, values) -> values.stream()
                .filter(value -> !name.equals("To")).forEach(value -> withoutTo.add(name, value)));

        ValidationReport report = VALIDATOR.validateRequest(toValidator(
                new CarrierHttpRequest(placed.method(), placed.url(), placed.headers(), withoutTo.bytes())));

        assertTrue(report.hasErrors(), "a create-call request without To must be invalid");
    }

    @Test
    void timeoutThatIsNotANumberIsReportedInvalid() {
        CarrierHttpRequest placed = twilio.placeCall(account(), TwilioFixtures.call());
        FormBody badTimeout = new FormBody();
        TwilioFixtures.form(placed).forEach((name, values) -> values.forEach(value ->
                badTimeout.add(name, name.equals("Timeout") ? "soon" : value)));

        assertTrue(VALIDATOR.validateRequest(toValidator(
                new CarrierHttpRequest(placed.method(), placed.url(), placed.headers(), badTimeout.bytes()))).hasErrors());
    }

    @Test
    void requestWithoutCredentialsIsReportedInvalid() {
        CarrierHttpRequest probe = twilio.probe(account());
        CarrierHttpRequest anonymous = new CarrierHttpRequest(probe.method(), probe.url(), Map.of(), null);

        assertTrue(VALIDATOR.validateRequest(toValidator(anonymous)).hasErrors());
    }

    @Test
    void hangUpWithAnotherStatusIsReportedInvalid() {
        CarrierHttpRequest hangUp = twilio.hangUp(account(), "CA0123456789abcdef0123456789abcdef", CallState.ANSWERED)
                .orElseThrow();
        byte[] body = new FormBody().add("Status", "paused").bytes();

        assertTrue(VALIDATOR.validateRequest(toValidator(
                new CarrierHttpRequest(hangUp.method(), hangUp.url(), hangUp.headers(), body))).hasErrors());
    }

    @Test
    void simulatorResourcesConformToTheResponseSchemas() {
        TwilioSimulator sim = new TwilioSimulator();
        SimCall call = new SimCall("CA0123456789abcdef0123456789abcdef", false, "+14155550100", "+16502530000", null,
                Map.of(), null, "queued", T0, null, null);
        SimCall message = new SimCall("SM0123456789abcdef0123456789abcdef", true, "+14155550100", "+16502530000",
                "hi", Map.of(), null, "failed", T0, null, T0.plusSeconds(3));
        String calls = "/2010-04-01/Accounts/" + TwilioFixtures.SID + "/Calls";

        assertResponseValid(calls + ".json", Request.Method.POST, sim.accepted(call));
        assertResponseValid(calls + "/" + call.id() + ".json", Request.Method.GET,
                sim.fetched(call.advance("completed", T0.plusSeconds(2), T0.plusSeconds(30))));
        assertResponseValid(calls + "/" + call.id() + ".json", Request.Method.POST,
                sim.hungUp(call.advance("canceled", null, T0.plusSeconds(4))));
        assertResponseValid("/2010-04-01/Accounts/" + TwilioFixtures.SID + "/Messages.json", Request.Method.POST,
                sim.accepted(message));
        assertResponseValid("/2010-04-01/Accounts/" + TwilioFixtures.SID + ".json", Request.Method.GET,
                sim.probed(Map.of("account_sid", TwilioFixtures.SID, "auth_token", TwilioFixtures.TOKEN)));
    }

    @Test
    void responseWithAStatusOutsideTheEnumIsReportedInvalid() {
        CarrierHttpResponse wrong = TwilioResources.json(201, TwilioResources.call(new SimCall("CA1", false, "+1", "+2",
                null, Map.of(), null, "queued", T0, null, null)).put("status", "answered"));

        assertTrue(VALIDATOR.validateResponse("/2010-04-01/Accounts/" + TwilioFixtures.SID + "/Calls.json",
                Request.Method.POST, toValidator(wrong)).hasErrors());
    }

    private static void assertValid(CarrierHttpRequest request) {
        ValidationReport report = VALIDATOR.validateRequest(toValidator(request));
        assertFalse(report.hasErrors(), () -> request.method() + " " + request.url() + ": " + report.getMessages());
    }

    private static void assertResponseValid(String path, Request.Method method, CarrierHttpResponse response) {
        ValidationReport report = VALIDATOR.validateResponse(path, method, toValidator(response));
        assertFalse(report.hasErrors(), () -> method + " " + path + ": " + report.getMessages());
    }

    private static Request toValidator(CarrierHttpRequest request) {
        URI uri = URI.create(request.url());
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), uri.getRawPath());
        request.headers().forEach(builder::withHeader);
        if (uri.getRawQuery() != null) {
            new io.netty.handler.codec.http.QueryStringDecoder(uri.getRawQuery(), false).parameters()
                    .forEach(builder::withQueryParam);
        }
        if (request.body().length > 0) {
            builder.withBody(request.bodyText());
        }
        return builder.build();
    }

    private static com.atlassian.oai.validator.model.Response toValidator(CarrierHttpResponse response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.status());
        response.headers().forEach(builder::withHeader);
        return builder.withBody(new String(response.body(), StandardCharsets.UTF_8)).build();
    }
}
