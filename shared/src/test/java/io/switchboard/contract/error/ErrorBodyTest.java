package io.switchboard.contract.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.model.E164;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

    @Test
    void exactJsonOfTheDocumentedExample() throws JsonProcessingException {
        SwitchboardException e = assertThrows(SwitchboardException.class,
                () -> E164.parse("to", "+1555"));
        assertEquals("{\"error\":{\"code\":\"TEL-001\","
                + "\"message\":\"to: '+1555' is not a valid E.164 number\","
                + "\"details\":{\"field\":\"to\"}}}",
                Json.mapper().writeValueAsString(ErrorBody.of(e)));
    }

    @Test
    void emptyDetailsAreStillWritten() throws JsonProcessingException {
        assertEquals("{\"error\":{\"code\":\"TEL-008\",\"message\":\"missing or invalid API key\","
                + "\"details\":{}}}",
                Json.mapper().writeValueAsString(ErrorBody.of(ErrorCode.TEL_008, null, null)));
    }

    @Test
    void roundTripWithNestedDetails() throws JsonProcessingException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("excluded", List.of(Map.of("carrier", "twilio", "reason", "breaker_open")));
        details.put("destination", "+442079460000");
        ErrorBody body = ErrorBody.of(ErrorCode.TEL_601, "no route to +442079460000", details);
        String json = Json.mapper().writeValueAsString(body);
        assertEquals("{\"error\":{\"code\":\"TEL-601\",\"message\":\"no route to +442079460000\","
                + "\"details\":{\"excluded\":"
                + "[{\"carrier\":\"twilio\",\"reason\":\"breaker_open\"}],"
                + "\"destination\":\"+442079460000\"}}}", json.replace(
                        "{\"reason\":\"breaker_open\",\"carrier\":\"twilio\"}",
                        "{\"carrier\":\"twilio\",\"reason\":\"breaker_open\"}"));
        assertEquals(body, Json.mapper().readValue(json, ErrorBody.class));
    }

    @Test
    void unknownCodesAreReadable() throws JsonProcessingException {
        ErrorBody body = Json.mapper().readValue(
                "{\"error\":{\"code\":\"TEL-777\",\"message\":\"new\",\"details\":{}}}",
                ErrorBody.class);
        assertEquals("TEL-777", body.error().code());
    }

    @Test
    void malformedBodiesAreRejected() {
        assertThrows(JsonMappingException.class,
                () -> Json.mapper().readValue("{\"error\":null}", ErrorBody.class));
        assertThrows(JsonMappingException.class, () -> Json.mapper().readValue(
                "{\"error\":{\"code\":\"TEL-001\",\"message\":\"m\",\"extra\":1}}",
                ErrorBody.class));
    }
}
