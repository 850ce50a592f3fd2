package io.switchboard.contract.model;

import static io.switchboard.contract.model.CallState.ANSWERED;
import static io.switchboard.contract.model.CallState.BUSY;
import static io.switchboard.contract.model.CallState.CANCELED;
import static io.switchboard.contract.model.CallState.COMPLETED;
import static io.switchboard.contract.model.CallState.FAILED;
import static io.switchboard.contract.model.CallState.INITIATED;
import static io.switchboard.contract.model.CallState.NO_ANSWER;
import static io.switchboard.contract.model.CallState.QUEUED;
import static io.switchboard.contract.model.CallState.REJECTED;
import static io.switchboard.contract.model.CallState.RINGING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.switchboard.contract.Json;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallStateTest {

    /** The full transition table: from each state, exactly these targets are allowed. */
    private static final Map<CallState, Set<CallState>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(INITIATED, RINGING, ANSWERED, COMPLETED, BUSY, NO_ANSWER, CANCELED,
                    REJECTED, FAILED),
            INITIATED, EnumSet.of(RINGING, ANSWERED, COMPLETED, BUSY, NO_ANSWER, CANCELED,
                    REJECTED, FAILED),
            RINGING, EnumSet.of(ANSWERED, COMPLETED, BUSY, NO_ANSWER, CANCELED, REJECTED, FAILED),
            ANSWERED, EnumSet.of(COMPLETED, FAILED),
            COMPLETED, EnumSet.noneOf(CallState.class),
            BUSY, EnumSet.noneOf(CallState.class),
            NO_ANSWER, EnumSet.noneOf(CallState.class),
            CANCELED, EnumSet.noneOf(CallState.class),
            REJECTED, EnumSet.noneOf(CallState.class),
            FAILED, EnumSet.noneOf(CallState.class));

    @Test
    void transitionTable() {
        for (CallState from : CallState.values()) {
            for (CallState to : CallState.values()) {
                assertEquals(ALLOWED.get(from).contains(to), from.canTransitionTo(to),
                        from + " -> " + to);
            }
            assertFalse(from.canTransitionTo(null));
        }
    }

    @Test
    void finalStates() {
        assertEquals(EnumSet.of(COMPLETED, BUSY, NO_ANSWER, CANCELED, REJECTED, FAILED),
                EnumSet.copyOf(java.util.Arrays.stream(CallState.values())
                        .filter(CallState::isFinal).toList()));
    }

    @Test
    void happyPathAndSkips() {
        assertEquals(true, QUEUED.canTransitionTo(INITIATED) && INITIATED.canTransitionTo(RINGING)
                && RINGING.canTransitionTo(ANSWERED) && ANSWERED.canTransitionTo(COMPLETED));
        assertEquals(true, QUEUED.canTransitionTo(RINGING));
        assertEquals(true, INITIATED.canTransitionTo(ANSWERED));
        assertFalse(RINGING.canTransitionTo(INITIATED));
        assertFalse(ANSWERED.canTransitionTo(BUSY));
        assertFalse(RINGING.canTransitionTo(RINGING));
    }

    @Test
    void json() throws JsonProcessingException {
        assertEquals("\"no_answer\"", Json.mapper().writeValueAsString(NO_ANSWER));
        for (CallState s : CallState.values()) {
            String json = Json.mapper().writeValueAsString(s);
            assertEquals(s, Json.mapper().readValue(json, CallState.class));
        }
        assertEquals(NO_ANSWER, CallState.fromWire("NO_ANSWER"));
        assertThrows(JsonMappingException.class,
                () -> Json.mapper().readValue("\"no-answer\"", CallState.class));
        assertThrows(IllegalArgumentException.class, () -> CallState.fromWire(null));
    }
}
