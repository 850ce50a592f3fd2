package io.switchboard.carrier.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.model.CallState;
import io.switchboard.contract.model.MessageState;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SandboxBehaviourTest {

    private static final SandboxBehaviour BASE = new SandboxBehaviour(10, 10, 10, 1_000, 2_000, 4_000, 0, 0,
            "server-error", false);

    @Test
    void patchesOnlyTheGivenFields() {
        SandboxBehaviour next = BASE.patch(new JsonObject().put("outage", true).put("error_kind", "rate-limited"));
        assertTrue(next.outage());
        assertEquals("rate-limited", next.errorKind());
        assertEquals(1_000, next.ringMs());
        assertEquals(next, BASE.patch(next.toJson()).patch(new JsonObject()));
    }

    @Test
    void namesTheFieldOfABadPatch() {
        assertField("colour", new JsonObject().put("colour", 1));
        assertField("busy_percent", new JsonObject().put("busy_percent", 101));
        assertField("ring_ms", new JsonObject().put("ring_ms", -1));
        assertField("error_kind", new JsonObject().put("error_kind", "gremlins"));
        assertField("outage", new JsonObject().put("outage", "yes"));
        assertField("busy_percent", new JsonObject().put("busy_percent", 50).put("no_answer_percent", 50));
        assertField("duration_max_ms", new JsonObject().put("duration_max_ms", 1));
    }

    @Test
    void callOutcomesFollowTheConfiguredOdds() {
        Map<CallState, Integer> finals = new EnumMap<>(CallState.class);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            List<CallScript.Step> steps = CallScript.call(BASE, random);
            assertEquals(CallState.INITIATED, steps.get(0).event().callState());
            assertEquals(CallState.RINGING, steps.get(1).event().callState());
            CallScript.Step last = steps.get(steps.size() - 1);
            finals.merge(last.event().callState(), 1, Integer::sum);
            if (last.event().callState() == CallState.COMPLETED) {
                long talk = last.atMs() - steps.get(2).atMs();
                assertTrue(talk >= 2_000 && talk <= 4_000, "duration " + talk);
            } else {
                assertEquals(100 + 1_000, last.atMs());
            }
        }
        assertEquals(7_000, finals.get(CallState.COMPLETED), 300);
        for (CallState failed : List.of(CallState.BUSY, CallState.NO_ANSWER, CallState.FAILED)) {
            assertEquals(1_000, finals.get(failed), 150, failed.name());
        }
    }

    @Test
    void messagesAreSentThenDeliveredOrFailed() {
        List<CallScript.Step> steps = CallScript.message(BASE.patch(new JsonObject().put("failed_percent", 100).put("busy_percent", 0).put("no_answer_percent", 0)),
                new SplittableRandom(1));
        assertEquals(MessageState.SENT, steps.get(0).event().messageState());
        assertEquals(MessageState.FAILED, steps.get(1).event().messageState());
        assertEquals(MessageState.DELIVERED, CallScript.message(BASE.patch(new JsonObject().put("failed_percent", 0)),
                new SplittableRandom(1)).get(1).event().messageState());
    }

    private static void assertField(String field, JsonObject patch) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BASE.patch(patch));
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }
}
