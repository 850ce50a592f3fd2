package io.switchboard.carrier.vonage;

import static io.switchboard.carrier.vonage.VonageFixtures.account;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.E164;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every request VonageProvider builds, validated against Vonage's own OpenAPI documents
 * (Nexmo/api-specification @ad04200 {@code voice.yml} and {@code sms.yml}, trimmed; see the
 * fixture's README). Their servers ({@code https://api.nexmo.com/v1/calls},
 * {@code https://rest.nexmo.com/sms}) give the base paths.
 */
class VonageOpenApiContractTest {

    /**
     * The document composes create-call bodies with {@code allOf}; the validator is strict about
     * undeclared properties, which only works on the merged schema, so combinators are resolved.
     */
    private static final OpenApiInteractionValidator VOICE = OpenApiInteractionValidator
            .createForInlineApiSpecification(VonageFixtures.resource("vonage-voice.trimmed.yml"))
            .withResolveCombinators(true).build();
    /**
     * swagger-request-validator reads a form body by guessing each value's JSON type
     * ({@code HttpParsingUtils.parseUrlEncodedFormDataBodyAsJsonNode}: digits become an integer),
     * so {@code to=442071838750} is seen as a number although every form value is text. Only that
     * guess is waived, only for {@code to} and {@code from}; the other checks stay (see
     * {@link #smsWithAShortApiKeyIsReportedInvalid}).
     */
    private static final ValidationErrorsWhitelist DIGITS_AS_INTEGER = ValidationErrorsWhitelist.create()
            .withRule("E.164 digits in form bodies are text", WhitelistRules.allOf(
                    WhitelistRules.messageHasKey("validation.request.body.schema.type"),
                    WhitelistRules.anyOf(
                            WhitelistRules.messageContainsSubstring("[Path '/to'] Instance type (integer)"),
                            WhitelistRules.messageContainsSubstring("[Path '/from'] Instance type (integer)"))));
    private static final OpenApiInteractionValidator SMS = OpenApiInteractionValidator
            .createForInlineApiSpecification(VonageFixtures.resource("vonage-sms.trimmed.yml"))
            .withWhitelist(DIGITS_AS_INTEGER).build();
    private final VonageProvider vonage = new VonageProvider();

    @Test
    void createCallWithNccoConforms() {
        assertValid(VOICE, vonage.placeCall(account(), VonageFixtures.call()));
    }

    @Test
    void createCallWithRecordingAndAnswerUrlConforms() {
        var call = new io.switchboard.carrier.OutboundCall("call-9", 2, E164.parse("+442071838750"),
                E164.parse("+14155550100"), null, 600, true);
        assertValid(VOICE, vonage.placeCall(account(), call));
        assertValid(VOICE, vonage.placeCall(account(Map.of("answer_url", "https://ncco.example.com/answer")), call));
    }

    @Test
    void fetchCallConforms() {
        assertValid(VOICE, vonage.fetchCall(account(), "63f61863-4a51-4f6b-86e1-46edebcf9356"));
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"RINGING", "ANSWERED"})
    void hangUpConforms(CallState state) {
        assertValid(VOICE, vonage.hangUp(account(), "63f61863-4a51-4f6b-86e1-46edebcf9356", state).orElseThrow());
    }

    @Test
    void probeConforms() {
        assertValid(VOICE, vonage.probe(account()));
    }

    @Test
    void sendSmsConforms() {
        assertValid(SMS, vonage.sendMessage(account(), VonageFixtures.message()));
    }

    @Test
    void ringingTimerOutOfRangeIsReportedInvalid() {
        CarrierHttpRequest placed = vonage.placeCall(account(), VonageFixtures.call());
        assertInvalid(VOICE, withBody(placed, placed.bodyText().replace("\"ringing_timer\":25", "\"ringing_timer\":500")));
    }

    @Test
    void toEndpointWithoutNumberIsReportedInvalid() {
        CarrierHttpRequest placed = vonage.placeCall(account(), VonageFixtures.call());
        assertInvalid(VOICE, withBody(placed, placed.bodyText().replace("\"number\":\"442071838750\"", "\"nr\":\"1\"")));
    }

    @Test
    void unknownUpdateActionIsReportedInvalid() {
        CarrierHttpRequest hangUp = vonage.hangUp(account(), "63f6", CallState.ANSWERED).orElseThrow();
        assertInvalid(VOICE, withBody(hangUp, "{\"action\":\"explode\"}"));
    }

    @Test
    void smsWithAShortApiKeyIsReportedInvalid() {
        CarrierHttpRequest sent = vonage.sendMessage(account(), VonageFixtures.message());
        String key = VonageFixtures.CREDENTIALS.get("api_key");
        assertInvalid(SMS, withBody(sent, sent.bodyText().replace("api_key=" + key, "api_key=abc")));
    }

    @Test
    void smsToThatIsNotDigitsIsReportedInvalid() {
        CarrierHttpRequest sent = vonage.sendMessage(account(), VonageFixtures.message());
        assertInvalid(SMS, withBody(sent, sent.bodyText().replace("to=442071838750", "to=call-me")));
    }

    private static CarrierHttpRequest withBody(CarrierHttpRequest request, String body) {
        return new CarrierHttpRequest(request.method(), request.url(), request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidationReport validate(OpenApiInteractionValidator validator, CarrierHttpRequest request) {
        URI uri = URI.create(request.url());
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nameValue = pair.split("=", 2);
                builder.withQueryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        request.headers().forEach(builder::withHeader);
        if (request.body().length > 0) {
            builder.withBody(request.bodyText());
        }
        return validator.validateRequest(builder.build());
    }

    private static void assertValid(OpenApiInteractionValidator validator, CarrierHttpRequest request) {
        ValidationReport report = validate(validator, request);
        assertFalse(report.hasErrors(), () -> request.method() + " " + request.url() + ": " + report.getMessages());
    }

    /** The request must break the body's schema (not, say, miss the path). */
    private static void assertInvalid(OpenApiInteractionValidator validator, CarrierHttpRequest request) {
        ValidationReport report = validate(validator, request);
        assertTrue(report.getMessages().stream().anyMatch(m -> m.getKey().startsWith("validation.request.body")),
                () -> "expected a body violation: " + report.getMessages());
    }
}
