package io.switchboard.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.error.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptTest {

    private static final Instant T0 = Instant.parse("2026-11-21T18:26:12Z");
    private static final Instant T1 = Instant.parse("2026-11-21T18:26:20.250Z");

    private static Attempt busy() {
        return new Attempt("att_1", "call_1", "telnyx", 1, T0, T1, AttemptOutcome.FINAL_FAILURE,
                ErrorCode.TEL_202, 486, 17, "user_busy", "v3:abc", Money.of("0", "USD"));
    }

    @Test
    void jsonRoundTrip() throws JsonProcessingException {
        Attempt a = busy();
        String json = Json.mapper().writeValueAsString(a);
        assertEquals("{\"attempt_id\":\"att_1\",\"call_id\":\"call_1\",\"carrier\":\"telnyx\","
                + "\"sequence\":1,\"started_at\":\"2026-11-21T18:26:12Z\","
                + "\"ended_at\":\"2026-11-21T18:26:20.250Z\",\"outcome\":\"final_failure\","
                + "\"cause\":\"TEL-202\",\"sip_code\":486,\"q850_cause\":17,"
                + "\"carrier_code\":\"user_busy\",\"carrier_call_id\":\"v3:abc\","
                + "\"cost\":{\"amount\":\"0\",\"currency\":\"USD\"}}", json);
        assertEquals(a, Json.mapper().readValue(json, Attempt.class));
    }

    @Test
    void startedAttemptOmitsUnknowns() throws JsonProcessingException {
        Attempt a = Attempt.started("att_2", "call_1", "twilio", 2, T0);
        assertNull(a.outcome());
        String json = Json.mapper().writeValueAsString(a);
        assertEquals("{\"attempt_id\":\"att_2\",\"call_id\":\"call_1\",\"carrier\":\"twilio\","
                + "\"sequence\":2,\"started_at\":\"2026-11-21T18:26:12Z\"}", json);
        assertEquals(a, Json.mapper().readValue(json, Attempt.class));
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class,
                () -> Attempt.started("a", "c", "x", 0, T0));
        assertThrows(NullPointerException.class,
                () -> Attempt.started("a", "c", null, 1, T0));
        assertThrows(IllegalArgumentException.class, () -> new Attempt("a", "c", "x", 1, T1, T0,
                AttemptOutcome.SUCCESS, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Attempt("a", "c", "x", 1, T0, T1,
                null, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Attempt("a", "c", "x", 1, T0, T1,
                AttemptOutcome.FINAL_FAILURE, ErrorCode.TEL_202, 99, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Attempt("a", "c", "x", 1, T0, T1,
                AttemptOutcome.FINAL_FAILURE, ErrorCode.TEL_202, 486, 128, null, null, null));
    }
}
