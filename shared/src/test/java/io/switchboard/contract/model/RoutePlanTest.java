package io.switchboard.contract.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.contract.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutePlanTest {

    private static RoutePlan.Candidate candidate(String carrier, int tier, String rate) {
        return new RoutePlan.Candidate(carrier, tier, "4420", Money.of(rate, "USD"),
                Money.of(rate, "USD"), 97, BreakerState.CLOSED, 12,
                "tier " + tier + ", " + rate + " USD/min for 4420");
    }

    private static RoutePlan plan(List<RoutePlan.Candidate> candidates) {
        return new RoutePlan("req_1", Service.VOICE, E164.parse("+442079460000"), candidates,
                List.of(new RoutePlan.ExcludedCandidate("vonage", ExclusionReason.BREAKER_OPEN,
                        "breaker open since 18:25:02Z")),
                Instant.parse("2026-11-21T18:26:12.000123Z"), 42);
    }

    @Test
    void jsonRoundTripWithSnakeCaseKeys() throws JsonProcessingException {
        RoutePlan p = plan(List.of(candidate("telnyx", 1, "0.0110"), candidate("twilio", 1,
                "0.0125")));
        String json = Json.mapper().writeValueAsString(p);
        JsonNode tree = Json.mapper().readTree(json);
        assertEquals("req_1", tree.get("request_id").asText());
        assertEquals("voice", tree.get("service").asText());
        assertEquals("+442079460000", tree.get("destination").asText());
        assertEquals("2026-11-21T18:26:12.000123Z", tree.get("decided_at").asText());
        assertEquals(42, tree.get("decision_micros").asLong());
        JsonNode first = tree.get("candidates").get(0);
        assertEquals("telnyx", first.get("carrier").asText());
        assertEquals("4420", first.get("matched_prefix").asText());
        assertEquals("0.0110", first.get("rate").get("amount").asText());
        assertEquals("0.0110", first.get("estimated_cost").get("amount").asText());
        assertEquals(97, first.get("health_score").asInt());
        assertEquals("closed", first.get("breaker_state").asText());
        assertEquals(12, first.get("deck_version").asLong());
        JsonNode excluded = tree.get("excluded").get(0);
        assertEquals("breaker_open", excluded.get("reason").asText());
        assertEquals(p, Json.mapper().readValue(json, RoutePlan.class));
    }

    @Test
    void listsAreDefensiveCopies() {
        List<RoutePlan.Candidate> source = new ArrayList<>(List.of(candidate("a", 0, "0.01")));
        RoutePlan p = plan(source);
        source.clear();
        assertEquals(1, p.candidates().size());
        assertEquals("a", p.first().orElseThrow().carrier());
        assertThrows(UnsupportedOperationException.class, () -> p.candidates().clear());
        assertTrue(plan(List.of()).first().isEmpty());
    }

    @Test
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> new RoutePlan.Candidate("a", 0, "44",
                Money.of("0.01", "USD"), Money.of("0.01", "USD"), 101, BreakerState.CLOSED, 1,
                "r"));
        assertThrows(IllegalArgumentException.class, () -> new RoutePlan.Candidate("a", -1, "44",
                Money.of("0.01", "USD"), Money.of("0.01", "USD"), 50, BreakerState.CLOSED, 1,
                "r"));
        assertThrows(NullPointerException.class,
                () -> new RoutePlan.ExcludedCandidate("a", null, "x"));
        List<RoutePlan.Candidate> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> plan(withNull));
    }
}
