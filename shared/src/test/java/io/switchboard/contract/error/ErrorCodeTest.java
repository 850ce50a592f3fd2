package io.switchboard.contract.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    /** Code, category, HTTP status of each row of ../shared/reference/error-codes.md (0 = "—"). */
    private static final Object[][] TABLE = {
        {"TEL-001", "validation", 400}, {"TEL-002", "delivery", 422},
        {"TEL-003", "rate limit", 429}, {"TEL-004", "billing", 402}, {"TEL-005", "auth", 403},
        {"TEL-006", "carrier", 502}, {"TEL-007", "timeout", 504}, {"TEL-008", "auth", 401},
        {"TEL-009", "config", 403}, {"TEL-010", "compliance", 403},
        {"TEL-011", "validation", 400}, {"TEL-012", "conflict", 409},
        {"TEL-013", "not found", 404},
        {"TEL-101", "SMS", 400}, {"TEL-102", "SMS", 403}, {"TEL-103", "SMS", 403},
        {"TEL-201", "voice", 0}, {"TEL-202", "voice", 0}, {"TEL-203", "voice", 0},
        {"TEL-204", "voice", 0},
        {"TEL-301", "fax", 0}, {"TEL-302", "fax", 0}, {"TEL-303", "fax", 400},
        {"TEL-401", "number", 404}, {"TEL-402", "number", 422},
        {"TEL-501", "E911", 400}, {"TEL-502", "E911", 503},
        {"TEL-601", "routing", 503}, {"TEL-602", "routing", 422},
        // ours, past the reference table
        {"TEL-900", "internal", 500},
    };

    @Test
    void everyRowOfTheTableAndNothingElse() {
        Map<String, Object[]> expected = new LinkedHashMap<>();
        for (Object[] row : TABLE) {
            expected.put((String) row[0], row);
        }
        assertEquals(expected.keySet().stream().toList(),
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
        for (ErrorCode code : ErrorCode.values()) {
            Object[] row = expected.get(code.code());
            assertEquals(row[1], code.category(), code.code());
            assertEquals(row[2], code.httpStatus(), code.code());
            assertEquals((int) row[2] == 0, code.isEventOnly(), code.code());
            assertEquals(code.code().replace('-', '_'), code.name());
            assertFalse(code.meaning().isBlank());
            assertSame(code, ErrorCode.fromCode(code.code()));
        }
    }

    @Test
    void unknownCodes() {
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromCode("TEL-999"));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromCode("tel-001"));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromCode("TEL_001"));
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.fromCode(null));
    }

    @Test
    void jsonIsTheWireCode() throws JsonProcessingException {
        assertEquals("\"TEL-601\"", Json.mapper().writeValueAsString(ErrorCode.TEL_601));
        assertEquals(ErrorCode.TEL_601, Json.mapper().readValue("\"TEL-601\"", ErrorCode.class));
    }

    @Test
    void eventOnlyCodes() {
        assertTrue(ErrorCode.TEL_202.isEventOnly());
        assertFalse(ErrorCode.TEL_303.isEventOnly());
    }
}
