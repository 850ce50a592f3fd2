package io.switchboard.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class E164Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+14155550100        | +14155550100  | 1   | US  | FIXED_LINE_OR_MOBILE",
        "+1 (415) 555-0100   | +14155550100  | 1   | US  | FIXED_LINE_OR_MOBILE",
        "001-415-555-0100    | +14155550100  | 1   | US  | FIXED_LINE_OR_MOBILE",
        "+44 20 7946 0000    | +442079460000 | 44  | GB  | FIXED_LINE",
        "+44 (0)20 7946 0000 | +442079460000 | 44  | GB  | FIXED_LINE",
        "+49 151 12345678    | +4915112345678| 49  | DE  | MOBILE",
        "+33.6.12.34.56.78   | +33612345678  | 33  | FR  | MOBILE",
        "+91 98765 43210     | +919876543210 | 91  | IN  | MOBILE",
        "+800 1234 5678      | +80012345678  | 800 | 001 | TOLL_FREE",
    })
    void parsesValidNumbers(String raw, String value, int cc, String region, NumberType type) {
        E164 n = E164.parse("to", raw);
        assertEquals(value, n.value());
        assertEquals(value.substring(1), n.digits());
        assertEquals(cc, n.countryCode());
        assertEquals(region, n.regionCode());
        assertEquals(type, n.numberType());
        assertEquals(value, n.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1555", "14155550100", "4155550100", "+0123456789", "+1415555010a",
        "+1 415 555 0100 ext. 12", "+1234567890123456", "++14155550100", "tel:+14155550100",
        "+999123456", "+1 800 FLOWERS", "+15555555555"})
    void rejectsInvalidNumbers(String raw) {
        SwitchboardException e = assertThrows(SwitchboardException.class,
                () -> E164.parse("to", raw));
        assertEquals(ErrorCode.TEL_001, e.code());
        assertEquals(400, e.httpStatus());
        assertEquals(Map.of("field", "to"), e.details());
        assertEquals("to: '" + raw + "' is not a valid E.164 number", e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsMissingNumbers(String raw) {
        SwitchboardException e = assertThrows(SwitchboardException.class,
                () -> E164.parse("from", raw));
        assertEquals(ErrorCode.TEL_001, e.code());
        assertEquals("from", e.details().get("field"));
        assertEquals("from: a phone number in E.164 form is required", e.getMessage());
    }

    @Test
    void longInputIsTruncatedInTheMessage() {
        String raw = "+1".repeat(100);
        SwitchboardException e = assertThrows(SwitchboardException.class,
                () -> E164.parse("to", raw));
        assertEquals("to: '" + raw.substring(0, 40) + "...' is not a valid E.164 number",
                e.getMessage());
    }

    @Test
    void defaultFieldIsNumber() {
        SwitchboardException e = assertThrows(SwitchboardException.class,
                () -> E164.parse("+1555"));
        assertEquals("number: '+1555' is not a valid E.164 number", e.getMessage());
    }

    @Test
    void equalityIsOnTheCanonicalValue() {
        E164 a = E164.parse("+1 415 555 0100");
        E164 b = E164.parse("0014155550100");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, E164.parse("+16502530000"));
    }

    record Message(E164 to, E164 from) {
    }

    @Test
    void jsonIsThePlainString() throws JsonProcessingException {
        E164 n = E164.parse("+14155550100");
        assertEquals("\"+14155550100\"", Json.mapper().writeValueAsString(n));
        assertEquals(n, Json.mapper().readValue("\"+1 415 555 0100\"", E164.class));
        Message m = new Message(n, E164.parse("+442079460000"));
        String json = Json.mapper().writeValueAsString(m);
        assertEquals("{\"to\":\"+14155550100\",\"from\":\"+442079460000\"}", json);
        assertEquals(m, Json.mapper().readValue(json, Message.class));
    }

    @Test
    void invalidJsonNumberNamesTheProperty() {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> Json.mapper()
                .readValue("{\"to\":\"+1555\",\"from\":\"+14155550100\"}", Message.class));
        SwitchboardException cause = assertInstanceOf(SwitchboardException.class, e.getCause());
        assertEquals(ErrorCode.TEL_001, cause.code());
        assertEquals("to: '+1555' is not a valid E.164 number", cause.getMessage());
        assertEquals("to", cause.details().get("field"));
    }

    @Test
    void jsonNumberTokenIsRejected() {
        assertThrows(JsonMappingException.class, () -> Json.mapper()
                .readValue("{\"to\":14155550100,\"from\":\"+14155550100\"}", Message.class));
    }
}
