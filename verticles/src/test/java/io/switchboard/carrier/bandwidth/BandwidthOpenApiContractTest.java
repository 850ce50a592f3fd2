package io.switchboard.carrier.bandwidth;

import static io.switchboard.carrier.bandwidth.BandwidthFixtures.account;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.contract.model.CallState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every request BandwidthProvider builds, validated against Bandwidth's own OpenAPI document
 * (Bandwidth/java-sdk @09c93ff {@code bandwidth.yml}, trimmed to the operations used; see the
 * fixture's README). Both APIs serve under {@code /api/v2} (path-level {@code servers}), which is
 * the base path given to the validator.
 */
class BandwidthOpenApiContractTest {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(BandwidthFixtures.resource("bandwidth.trimmed.yml"))
            .withBasePathOverride("/api/v2").build();
    private final BandwidthProvider bandwidth = new BandwidthProvider();

    @Test
    void createCallConforms() {
        assertValid(bandwidth.placeCall(account(), BandwidthFixtures.call()));
    }

    @Test
    void createCallWithEveryOptionConforms() {
        var call = new io.switchboard.carrier.OutboundCall("call-9", 2,
                io.switchboard.contract.model.E164.parse("+442071838750"),
                io.switchboard.contract.model.E164.parse("+14155550100"), "Acme Support", 500, true);
        assertValid(bandwidth.placeCall(account(), call));
    }

    @Test
    void fetchCallConforms() {
        assertValid(bandwidth.fetchCall(account(), "c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85"));
    }

    @ParameterizedTest
    @EnumSource(value = CallState.class, names = {"QUEUED", "RINGING", "ANSWERED"})
    void hangUpConforms(CallState state) {
        assertValid(bandwidth.hangUp(account(), "c-15ac29a2", state).orElseThrow());
    }

    @Test
    void probeConforms() {
        assertValid(bandwidth.probe(account()));
    }

    @Test
    void createMessageConforms() {
        assertValid(bandwidth.sendMessage(account(), BandwidthFixtures.message()));
    }

    @Test
    void createCallWithoutApplicationIdIsReportedInvalid() {
        CarrierHttpRequest placed = bandwidth.placeCall(account(), BandwidthFixtures.call());
        String broken = placed.bodyText().replaceFirst("\"applicationId\":\"[^\"]+\",", "");
        assertInvalid(new CarrierHttpRequest(placed.method(), placed.url(), placed.headers(),
                broken.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void callTimeoutOutOfRangeIsReportedInvalid() {
        CarrierHttpRequest placed = bandwidth.placeCall(account(), BandwidthFixtures.call());
        String broken = placed.bodyText().replace("\"callTimeout\":25", "\"callTimeout\":301");
        assertInvalid(new CarrierHttpRequest(placed.method(), placed.url(), placed.headers(),
                broken.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void messageWithToAsAStringIsReportedInvalid() {
        CarrierHttpRequest sent = bandwidth.sendMessage(account(), BandwidthFixtures.message());
        String broken = sent.bodyText().replace("[\"+442071838750\"]", "\"+442071838750\"");
        assertInvalid(new CarrierHttpRequest(sent.method(), sent.url(), sent.headers(),
                broken.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hangUpWithAnUnknownStateIsReportedInvalid() {
        CarrierHttpRequest hangUp = bandwidth.hangUp(account(), "c-1", CallState.ANSWERED).orElseThrow();
        assertInvalid(new CarrierHttpRequest(hangUp.method(), hangUp.url(), hangUp.headers(),
                "{\"state\":\"hungup\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void specIsTheTrimmedBandwidthDocument() {
        OpenAPI api = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(
                BandwidthFixtures.resource("bandwidth.trimmed.yml")).getOpenAPI();
        assertTrue(api.getPaths().containsKey("/accounts/{accountId}/calls"));
        assertTrue(api.getPaths().containsKey("/users/{accountId}/messages"));
    }

    private static ValidationReport validate(CarrierHttpRequest request) {
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
        Request built = builder.build();
        return VALIDATOR.validateRequest(built);
    }

    private static void assertValid(CarrierHttpRequest request) {
        ValidationReport report = validate(request);
        assertFalse(report.hasErrors(), () -> request.method() + " " + request.url() + ": " + report.getMessages());
    }

    /** The request must break the body's schema (not, say, miss the path). */
    private static void assertInvalid(CarrierHttpRequest request) {
        ValidationReport report = validate(request);
        assertTrue(report.getMessages().stream().anyMatch(m -> m.getKey().startsWith("validation.request.body.schema")),
                () -> "expected a body-schema violation: " + report.getMessages());
    }
}
