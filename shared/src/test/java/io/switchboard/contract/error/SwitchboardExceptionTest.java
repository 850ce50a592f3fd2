package io.switchboard.contract.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchboardExceptionTest {

    @Test
    void invalidFieldPutsTheFieldInDetails() {
        SwitchboardException e = SwitchboardException.invalidField(ErrorCode.TEL_011, "timeout_ms",
                "timeout_ms: must be between 1000 and 120000");
        assertEquals(ErrorCode.TEL_011, e.code());
        assertEquals("timeout_ms: must be between 1000 and 120000", e.getMessage());
        assertEquals(Map.of("field", "timeout_ms"), e.details());
        assertEquals(400, e.httpStatus());
        assertNull(e.getCause());
    }

    @Test
    void bodyTooLargeOverridesTheStatus() {
        SwitchboardException e = new SwitchboardException(ErrorCode.TEL_011,
                "request body exceeds 65536 bytes", Map.of("limit_bytes", 65536), 413, null);
        assertEquals(413, e.httpStatus());
        assertEquals(400, e.code().httpStatus());
    }

    @Test
    void defaultsAndCopies() {
        SwitchboardException e = new SwitchboardException(ErrorCode.TEL_008, null);
        assertEquals("missing or invalid API key", e.getMessage());
        assertTrue(e.details().isEmpty());
        assertEquals(401, e.httpStatus());

        Map<String, Object> details = new HashMap<>();
        details.put("attempts", List.of("twilio", "telnyx"));
        details.put("retry_after_ms", null);
        RuntimeException cause = new RuntimeException("boom");
        SwitchboardException f = new SwitchboardException(ErrorCode.TEL_006, "all failed",
                details, 0, cause);
        details.clear();
        assertEquals(2, f.details().size());
        assertSame(cause, f.getCause());
        assertThrows(UnsupportedOperationException.class, () -> f.details().put("x", 1));
        assertEquals(0, new SwitchboardException(ErrorCode.TEL_202, "busy").httpStatus());
    }

    @Test
    void detailsKeepInsertionOrder() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z", 1);
        details.put("a", 2);
        SwitchboardException e = new SwitchboardException(ErrorCode.TEL_602, "bad", details);
        assertEquals(List.of("z", "a"), List.copyOf(e.details().keySet()));
    }

    @Test
    void validation() {
        assertThrows(NullPointerException.class, () -> new SwitchboardException(null, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new SwitchboardException(ErrorCode.TEL_011, "x", null, 99, null));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThrows(NullPointerException.class,
                () -> new SwitchboardException(ErrorCode.TEL_011, "x", nullKey));
    }

    @Test
    void toStringShowsTheCode() {
        assertEquals("TEL-001: to: bad {field=to}",
                SwitchboardException.invalidField(ErrorCode.TEL_001, "to", "to: bad").toString());
    }
}
