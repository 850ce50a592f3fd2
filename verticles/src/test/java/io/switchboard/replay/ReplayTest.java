package io.switchboard.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard replay} on a slice of the shipped data: 200 numbers of {@code traffic/calls.csv}
 * and the six decks cut down to the rows whose prefixes lead to those numbers (so every call is
 * priced and routed exactly as with the full decks). A real node (embedded PostgreSQL, four sandbox
 * carriers, two SIP trunks behind the SIP edge on in-process UASs) carries the calls; one outage of
 * the carrier that carries most of this traffic (a sandbox carrier) and one of a SIP trunk are injected. The JSON report, read back from the
 * tables, must show every call with its CDR, failovers during the outage and no call lost while
 * another carrier covered its destination, and LCR cheaper than or as cheap as every carrier alone.
 */
class ReplayTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path outDir;

    @Test
    void replaysASliceWithAnOutageAndReportsFromTheTables() throws Exception {
        Path traffic = Path.of(ReplayTest.class.getResource("/replay/calls-200.csv").toURI());
        Path decks = Path.of(ReplayTest.class.getResource("/replay/decks").toURI());
        ReplaySettings settings = new ReplaySettings(traffic, decks, 40, 200, null,
                List.of(OutageSpec.parse("bandwidth@1s+3s"), OutageSpec.parse("wholesale-b@1500ms+3s")), Duration.ofSeconds(1), Duration.ofSeconds(2), 200,
                5, 5, 2, dataDir, outDir, false, 0);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        JsonObject report = new Replay(settings, null, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err).run();
        System.out.println(printed.toString(StandardCharsets.UTF_8));

        JsonObject records = report.getJsonObject("records");
        assertEquals(200, records.getLong("calls_placed"));
        assertEquals(200, records.getLong("call_cdrs"), "every call placed has its call CDR: " + records);
        assertEquals(200, records.getLong("calls_rows"), records.toString());
        assertEquals(records.getLong("call_attempts_rows"), records.getLong("attempt_cdrs"), records.toString());
        assertTrue(records.getBoolean("complete"), records.toString());

        assertEquals(2, report.getJsonArray("outages").size());
        for (Object o : report.getJsonArray("outages")) {
            JsonObject outage = (JsonObject) o;
            assertTrue(outage.getLong("calls_placed") > 0, outage.toString());
            assertEquals(0, outage.getLong("lost_while_another_carrier_covers"), outage.toString());
        }
        // bandwidth carries most of this slice (US numbers): a sandbox carrier whose port closes, which
        // routers stop offering within moments; wholesale-b is a SIP trunk that stops answering, so
        // calls time out on it and fail over
        long failedOver = 0;
        for (Object o : report.getJsonArray("outages")) {
            failedOver += ((JsonObject) o).getLong("failed_over");
        }
        assertTrue(failedOver > 0, "calls failed over during the outages: " + report.getJsonArray("outages"));
        assertEquals(0, report.getJsonObject("lost").getLong("calls"), report.getJsonObject("lost").toString());
        assertTrue(report.getJsonObject("failovers").getLong("calls") >= failedOver);

        JsonObject cost = report.getJsonObject("cost");
        assertTrue(new BigDecimal(cost.getString("lcr_total")).signum() > 0, cost.toString());
        assertEquals(6, cost.getJsonArray("single_carrier").size(), cost.toString());
        for (Object o : cost.getJsonArray("single_carrier")) {
            JsonObject c = (JsonObject) o;
            assertTrue(new BigDecimal(c.getString("lcr_cost_same_calls")).compareTo(new BigDecimal(c.getString("single_carrier_cost"))) <= 0,
                    "LCR costs no more than " + c.getString("carrier") + " alone on the calls it reaches while up: " + c);
            assertEquals(200, c.getLong("covered_calls") + c.getLong("unavailable_calls") + c.getLong("uncovered_calls"),
                    c.toString());
        }
        long states = report.getJsonObject("states").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
        assertEquals(200, states, report.getJsonObject("states").toString());
        assertTrue(report.getJsonObject("latency").getJsonObject("routing_decision_ms").getLong("decisions") >= 200,
                report.getJsonObject("latency").toString());
        assertTrue(report.getJsonObject("latency").getJsonObject("api_ms").getDouble("p99") > 0);

        JsonObject written = new JsonObject(Files.readString(outDir.resolve("replay-report.json")));
        assertEquals(report, written);
        String html = Files.readString(outDir.resolve("replay-report.html"));
        assertTrue(html.contains("<svg") && html.contains("bandwidth outage"), "charts with the outage marker");
        assertFalse(html.contains("src=") || html.contains("<link") || html.contains("<script"), "self-contained");
    }
}
