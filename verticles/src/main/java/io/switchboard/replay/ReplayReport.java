package io.switchboard.replay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Builds a replay's report, as JSON, from the tables: every figure is read back from
 * {@code calls}, {@code cdrs}, {@code call_attempts}, {@code routing_log} and the rate tables of the
 * run's calls ({@link ReplayQueries}), except the API latency, which only the client can measure.
 *
 * <p>Shape (amounts are decimal strings in the router's currency, scale 6; times ISO-8601 UTC):
 * {@code run} (tag, times, rates, settings), {@code states} (final state → calls),
 * {@code failure_reasons} (calls not completed by state, carrier and failure reason),
 * {@code carriers} (per final carrier: calls, answered, cost, share percent), {@code cost}
 * ({@code lcr_total}, {@code method}, per carrier: covered, unavailable (placed while it was out or
 * down) and uncovered calls, the cost of the covered calls on that carrier alone, what LCR paid for the same calls, saving percent),
 * {@code failovers} (calls with more than one attempt, per first → final carrier), {@code outages}
 * (per outage: window, calls placed in it, failed over, lost while another carrier covered the
 * destination, unroutable, in progress on the carrier when it began, by final state), {@code lost}
 * (whole run), {@code latency} (routing decision from {@code routing_log.decision_micros}, API from
 * the client; p50, p99, max in ms), {@code records} (calls placed, API answers with a call id,
 * {@code calls} rows, call CDRs, attempt CDRs, {@code call_attempts} rows, {@code complete}),
 * {@code timeline} (bucket seconds, calls and cost per carrier per bucket).
 */
public final class ReplayReport {

    /**
     * What only the replayer knows: when things happened and what the API answered.
     *
     * @param runId the run tag
     * @param settings the replay's settings
     * @param trafficStart when the first call was placed
     * @param trafficEnd when the last call's API answer came
     * @param finished when the records were complete (or the wait gave up)
     * @param placed requests sent
     * @param answers the API's answers
     * @param outages the outages as applied: carrier, start, end
     * @param trunks the carriers played by SIP trunks
     */
    public record Facts(String runId, ReplaySettings settings, Instant trafficStart, Instant trafficEnd, Instant finished,
                        long placed, List<TrafficPlayer.Answer> answers, List<AppliedOutage> outages, List<String> trunks) {
    }

    /**
     * An outage as it was applied.
     *
     * @param carrier the carrier
     * @param start when it began
     * @param end when it ended
     */
    public record AppliedOutage(String carrier, Instant start, Instant end) {
    }

    /** How the single-carrier costs are computed, as the report states it. */
    static final String METHOD = "For every call of the run, its answered duration (cdrs.duration_s, 0 when unanswered) "
            + "is priced on each carrier's published voice deck at the rate row of the longest prefix of the destination "
            + "effective when the call was created (a closed code: not reachable), with that row's connect fee and "
            + "billing increments, exactly as Switchboard prices a call (connect_fee + rate x billed seconds / 60, "
            + "rounded to 6 decimals; 0 when unanswered). A carrier's single-carrier cost is that sum over the calls "
            + "it reaches; calls it does not reach are counted as uncovered, and calls placed while it was unavailable "
            + "(an injected outage, or a down or disabled state in carrier_health_log) as unavailable: both are left "
            + "out of its cost and of the LCR cost it is compared with (what Switchboard's LCR actually paid for the "
            + "same calls, cdrs.cost).";

    private ReplayReport() {
    }

    /**
     * @param q the queries
     * @param facts the replayer's facts
     * @return the report
     */
    public static JsonObject build(ReplayQueries q, Facts facts) {
        String id = facts.runId();
        JsonObject report = new JsonObject();
        report.put("run", run(facts));
        report.put("states", states(q, id));
        report.put("failure_reasons", failureReasons(q, id));
        report.put("carriers", carriers(q, id));
        report.put("cost", cost(q, facts));
        report.put("failovers", failovers(q, id));
        report.put("outages", outages(q, facts));
        report.put("lost", lost(q, id));
        report.put("latency", new JsonObject().put("routing_decision_ms", routingLatency(q, id))
                .put("api_ms", apiLatency(facts.answers())));
        report.put("records", records(q, facts));
        report.put("timeline", timeline(q, facts));
        return report;
    }

    private static JsonObject run(Facts f) {
        ReplaySettings s = f.settings();
        double seconds = Math.max(0.001, (f.trafficEnd().toEpochMilli() - f.trafficStart().toEpochMilli()) / 1000.0);
        JsonArray outages = new JsonArray();
        s.outages().forEach(o -> outages.add(o.toString()));
        return new JsonObject().put("id", f.runId()).put("traffic_file", s.traffic().toString())
                .put("decks", s.decks().toString()).put("trunks", new JsonArray(f.trunks()))
                .put("cps_target", s.cps()).put("cps_achieved", round(f.placed() / seconds, 2))
                .put("calls_placed", f.placed()).put("traffic_start", f.trafficStart().toString())
                .put("traffic_end", f.trafficEnd().toString()).put("records_complete_at", f.finished().toString())
                .put("traffic_seconds", round(seconds, 1))
                .put("total_seconds", round((f.finished().toEpochMilli() - f.trafficStart().toEpochMilli()) / 1000.0, 1))
                .put("hold_ms", new JsonArray().add(s.holdMin().toMillis()).add(s.holdMax().toMillis()))
                .put("ring_ms", s.ringMs()).put("reference_duration_s", s.referenceDurationS())
                .put("odds_percent", new JsonObject().put("busy", s.busyPercent()).put("no_answer", s.noAnswerPercent())
                        .put("failed", s.failedPercent()))
                .put("outages_requested", outages);
    }

    private static JsonObject states(ReplayQueries q, String id) {
        JsonObject out = new JsonObject();
        for (Row r : q.rows("WITH " + ReplayQueries.RUN + " SELECT state, count(*) FROM run GROUP BY state ORDER BY 2 DESC", id)) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    private static JsonArray failureReasons(ReplayQueries q, String id) {
        JsonArray out = new JsonArray();
        for (Row r : q.rows("WITH " + ReplayQueries.RUN + " SELECT state, coalesce(carrier_id, '(none)'), "
                + "coalesce(failure_reason, ''), count(*) FROM run WHERE state NOT IN ('completed', 'answered') "
                + "GROUP BY 1, 2, 3 ORDER BY 4 DESC", id)) {
            out.add(new JsonObject().put("state", r.getString(0)).put("carrier", r.getString(1))
                    .put("reason", r.getString(2)).put("calls", r.getLong(3)));
        }
        return out;
    }

    private static JsonArray carriers(ReplayQueries q, String id) {
        JsonArray out = new JsonArray();
        List<Row> rows = q.rows("WITH " + ReplayQueries.RUN + ", " + ReplayQueries.CDR + " SELECT coalesce(run.carrier_id, "
                + "'(none)'), count(*), count(*) FILTER (WHERE run.answered_at IS NOT NULL), coalesce(sum(cdr.cost), 0) "
                + "FROM run LEFT JOIN cdr ON cdr.call_id = run.id GROUP BY 1 ORDER BY 2 DESC", id);
        long total = rows.stream().mapToLong(r -> r.getLong(1)).sum();
        for (Row r : rows) {
            out.add(new JsonObject().put("carrier", r.getString(0)).put("calls", r.getLong(1)).put("answered", r.getLong(2))
                    .put("share_percent", round(100.0 * r.getLong(1) / Math.max(1, total), 2))
                    .put("cost", money(r.getBigDecimal(3))));
        }
        return out;
    }

    private static JsonObject cost(ReplayQueries q, Facts facts) {
        String id = facts.runId();
        Row total = q.one("WITH " + ReplayQueries.RUN + ", " + ReplayQueries.CDR
                + " SELECT coalesce(sum(cost), 0), count(*) FILTER (WHERE duration_s > 0) FROM cdr", id);
        BigDecimal lcr = total.getBigDecimal(0);
        int n = facts.outages().size();
        String[] carriers = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            AppliedOutage o = facts.outages().get(i);
            carriers[i] = o.carrier();
            starts[i] = OffsetDateTime.ofInstant(o.start(), ZoneOffset.UTC);
            ends[i] = OffsetDateTime.ofInstant(o.end(), ZoneOffset.UTC);
        }
        JsonArray single = new JsonArray();
        List<Row> rows = q.rows("WITH " + ReplayQueries.RUN + ", " + ReplayQueries.CDR + ", " + ReplayQueries.MATCHES
                + ", health AS (SELECT carrier_id, to_state, occurred_at AS s, lead(occurred_at, 1, 'infinity') "
                + "OVER (PARTITION BY carrier_id ORDER BY occurred_at, id) AS e FROM carrier_health_log), "
                + "unavailable AS (SELECT carrier_id, s, e FROM health WHERE to_state IN ('down', 'disabled') "
                + "UNION ALL SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS o(carrier_id, s, e)), "
                + "priced AS (SELECT c.carrier_id, cdr.call_id, cdr.cost AS lcr_cost, EXISTS (SELECT 1 FROM unavailable u "
                + "WHERE u.carrier_id = c.carrier_id AND cdr.created_at >= u.s AND cdr.created_at < u.e) AS down, "
                + "CASE WHEN cdr.duration_s = 0 THEN 0 "
                + "ELSE round(c.connect_fee + c.rate * (CASE WHEN cdr.duration_s <= c.initial_increment THEN c.initial_increment "
                + "ELSE c.initial_increment + ceil((cdr.duration_s - c.initial_increment)::numeric / c.next_increment) "
                + "* c.next_increment END) / 60, 6) END AS single_cost FROM covers c JOIN cdr ON cdr.call_id = c.call_id) "
                + "SELECT dk.carrier_id, count(p.call_id) FILTER (WHERE NOT p.down), count(p.call_id) FILTER (WHERE p.down), "
                + "(SELECT count(*) FROM cdr) - count(p.call_id), "
                + "coalesce(sum(p.single_cost) FILTER (WHERE NOT p.down), 0), coalesce(sum(p.lcr_cost) FILTER (WHERE NOT p.down), 0) "
                + "FROM (SELECT DISTINCT carrier_id FROM decks) dk LEFT JOIN priced p ON p.carrier_id = dk.carrier_id "
                + "GROUP BY dk.carrier_id ORDER BY dk.carrier_id", id, carriers, starts, ends);
        for (Row r : rows) {
            BigDecimal alone = r.getBigDecimal(4);
            BigDecimal lcrSame = r.getBigDecimal(5);
            JsonObject c = new JsonObject().put("carrier", r.getString(0)).put("covered_calls", r.getLong(1))
                    .put("unavailable_calls", r.getLong(2)).put("uncovered_calls", r.getLong(3))
                    .put("single_carrier_cost", money(alone)).put("lcr_cost_same_calls", money(lcrSame));
            if (alone.signum() > 0) {
                c.put("lcr_saving_percent", round(100.0 * alone.subtract(lcrSame).doubleValue() / alone.doubleValue(), 2));
            }
            single.add(c);
        }
        return new JsonObject().put("currency", "USD").put("lcr_total", money(lcr)).put("answered_calls", total.getLong(1))
                .put("single_carrier", single).put("method", METHOD);
    }

    private static JsonObject failovers(ReplayQueries q, String id) {
        JsonArray paths = new JsonArray();
        long calls = 0;
        for (Row r : q.rows("WITH " + ReplayQueries.RUN + " SELECT a.carrier_id, coalesce(run.carrier_id, '(none)'), "
                + "count(*) FROM run JOIN call_attempts a ON a.call_id = run.id AND a.sequence = 1 "
                + "WHERE run.attempt_count > 1 GROUP BY 1, 2 ORDER BY 3 DESC", id)) {
            paths.add(new JsonObject().put("from", r.getString(0)).put("to", r.getString(1)).put("calls", r.getLong(2)));
            calls += r.getLong(2);
        }
        return new JsonObject().put("calls", calls).put("paths", paths);
    }

    /**
     * The predicate of a lost call: failed with no attempt any carrier accepted, although a carrier
     * (other than {@code $2}, when given) reaches its destination.
     */
    private static final String LOST = "run.state = 'failed' AND NOT EXISTS (SELECT 1 FROM call_attempts a "
            + "WHERE a.call_id = run.id AND a.outcome = 'success') AND EXISTS (SELECT 1 FROM covers c "
            + "WHERE c.call_id = run.id AND c.carrier_id <> $2)";

    /**
     * The predicate of a call the carrier {@code $2} had taken (an accepted attempt) and that was
     * still going when its outage began ({@code $3}; {@code $4} its end): it cannot fail over, a
     * connected call stays with its carrier.
     */
    private static final String IN_PROGRESS = "run.carrier_id = $2 AND run.created_at < $4 AND run.ended_at >= $3 "
            + "AND EXISTS (SELECT 1 FROM call_attempts a WHERE a.call_id = run.id AND a.carrier_id = $2 "
            + "AND a.outcome = 'success' AND a.started_at < $3)";

    private static JsonArray outages(ReplayQueries q, Facts facts) {
        JsonArray out = new JsonArray();
        for (AppliedOutage o : facts.outages()) {
            OffsetDateTime start = OffsetDateTime.ofInstant(o.start(), ZoneOffset.UTC);
            OffsetDateTime end = OffsetDateTime.ofInstant(o.end(), ZoneOffset.UTC);
            Row r = q.one("WITH " + ReplayQueries.RUN + ", " + ReplayQueries.CDR + ", " + ReplayQueries.MATCHES
                    + ", win AS (SELECT * FROM run WHERE created_at >= $3 AND created_at < $4) SELECT "
                    + "(SELECT count(*) FROM win), "
                    + "(SELECT count(*) FROM win WHERE EXISTS (SELECT 1 FROM covers c WHERE c.call_id = win.id AND c.carrier_id = $2)), "
                    + "(SELECT count(*) FROM win WHERE EXISTS (SELECT 1 FROM call_attempts a WHERE a.call_id = win.id "
                    + "AND a.carrier_id = $2)), "
                    + "(SELECT count(*) FROM win WHERE win.attempt_count > 1 AND EXISTS (SELECT 1 FROM call_attempts a "
                    + "WHERE a.call_id = win.id AND a.carrier_id = $2 AND a.outcome <> 'success')), "
                    + "(SELECT count(*) FROM win run WHERE " + LOST + "), "
                    + "(SELECT count(*) FROM win WHERE win.state = 'failed' AND NOT EXISTS (SELECT 1 FROM covers c "
                    + "WHERE c.call_id = win.id AND c.carrier_id <> $2)), "
                    + "(SELECT count(*) FROM run WHERE " + IN_PROGRESS + ")", facts.runId(), o.carrier(), start, end);
            JsonObject cut = new JsonObject();
            for (Row s : q.rows("WITH " + ReplayQueries.RUN + " SELECT state, count(*) FROM run WHERE " + IN_PROGRESS
                    + " GROUP BY 1 ORDER BY 2 DESC", facts.runId(), o.carrier(), start, end)) {
                cut.put(s.getString(0), s.getLong(1));
            }
            out.add(new JsonObject().put("carrier", o.carrier()).put("start", o.start().toString())
                    .put("end", o.end().toString()).put("seconds", round((o.end().toEpochMilli() - o.start().toEpochMilli()) / 1000.0, 1))
                    .put("calls_placed", r.getLong(0)).put("calls_the_carrier_reaches", r.getLong(1))
                    .put("calls_tried_on_it", r.getLong(2)).put("failed_over", r.getLong(3))
                    .put("lost_while_another_carrier_covers", r.getLong(4))
                    .put("failed_no_other_carrier_covers", r.getLong(5))
                    .put("in_progress_on_it", r.getLong(6)).put("in_progress_on_it_by_state", cut));
        }
        return out;
    }

    private static JsonObject lost(ReplayQueries q, String id) {
        Row r = q.one("WITH " + ReplayQueries.RUN + ", " + ReplayQueries.CDR + ", " + ReplayQueries.MATCHES
                + " SELECT (SELECT count(*) FROM run WHERE " + LOST + "), "
                + "(SELECT count(*) FROM run WHERE NOT EXISTS (SELECT 1 FROM covers c WHERE c.call_id = run.id))", id, "");
        JsonObject causes = new JsonObject();
        for (Row c : q.rows("WITH " + ReplayQueries.RUN + ", " + ReplayQueries.CDR + ", " + ReplayQueries.MATCHES
                + " SELECT coalesce(run.failure_reason, '?'), count(*) FROM run WHERE " + LOST + " GROUP BY 1 ORDER BY 2 DESC",
                id, "")) {
            causes.put(c.getString(0), c.getLong(1));
        }
        return new JsonObject().put("calls", r.getLong(0)).put("by_reason", causes)
                .put("unroutable_no_carrier_covers", r.getLong(1))
                .put("definition", "a call is lost when it ended failed without any carrier accepting an attempt although "
                        + "at least one carrier's deck reaches its destination");
    }

    private static JsonObject routingLatency(ReplayQueries q, String id) {
        Row r = q.one("WITH " + ReplayQueries.RUN + " SELECT count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY "
                + "l.decision_micros), percentile_disc(0.99) WITHIN GROUP (ORDER BY l.decision_micros), "
                + "max(l.decision_micros) FROM routing_log l JOIN run ON l.request_id = run.id::text "
                + "WHERE l.outcome IS NOT NULL", id);
        return new JsonObject().put("decisions", r.getLong(0)).put("p50", micros(r.getInteger(1)))
                .put("p99", micros(r.getInteger(2))).put("max", micros(r.getInteger(3)))
                .put("source", "routing_log.decision_micros of the run's calls");
    }

    private static JsonObject apiLatency(List<TrafficPlayer.Answer> answers) {
        long[] nanos = answers.stream().mapToLong(TrafficPlayer.Answer::latencyNanos).sorted().toArray();
        JsonObject out = new JsonObject().put("requests", nanos.length)
                .put("source", "measured by the replayer's HTTP client: POST /v1/calls sent to response read");
        if (nanos.length > 0) {
            out.put("p50", round(percentile(nanos, 0.50) / 1e6, 2)).put("p99", round(percentile(nanos, 0.99) / 1e6, 2))
                    .put("max", round(nanos[nanos.length - 1] / 1e6, 2));
        }
        return out;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static JsonObject records(ReplayQueries q, Facts f) {
        Row r = q.one("WITH " + ReplayQueries.RUN + " SELECT (SELECT count(*) FROM run), "
                + "(SELECT count(*) FROM cdrs d JOIN run ON run.id = d.call_id WHERE d.record_type = 'call'), "
                + "(SELECT count(*) FROM cdrs d JOIN run ON run.id = d.call_id WHERE d.record_type = 'attempt'), "
                + "(SELECT count(*) FROM call_attempts a JOIN run ON run.id = a.call_id)", f.runId());
        long withId = f.answers().stream().filter(a -> a.callId() != null).count();
        Map<String, Long> refused = new java.util.TreeMap<>();
        f.answers().stream().filter(a -> a.callId() == null)
                .forEach(a -> refused.merge(a.status() == 0 ? "no answer" : a.status() + " " + a.errorCode(), 1L, Long::sum));
        long callRows = r.getLong(0);
        long callCdrs = r.getLong(1);
        return new JsonObject().put("calls_placed", f.placed()).put("api_answers_with_call_id", withId)
                .put("api_refusals_without_call", new JsonObject(new java.util.LinkedHashMap<>(refused)))
                .put("calls_rows", callRows).put("call_cdrs", callCdrs).put("attempt_cdrs", r.getLong(2))
                .put("call_attempts_rows", r.getLong(3))
                .put("complete", callCdrs == f.placed() && callRows == f.placed() && r.getLong(2).equals(r.getLong(3)));
    }

    private static JsonObject timeline(ReplayQueries q, Facts f) {
        long seconds = Math.max(1, (f.finished().toEpochMilli() - f.trafficStart().toEpochMilli()) / 1000);
        int bucket = (int) Math.max(1, Math.ceil(seconds / 80.0));
        OffsetDateTime start = OffsetDateTime.ofInstant(f.trafficStart(), ZoneOffset.UTC);
        JsonObject calls = new JsonObject();
        JsonObject cost = new JsonObject();
        for (Row r : q.rows("WITH " + ReplayQueries.RUN + ", " + ReplayQueries.CDR + " SELECT floor(extract(epoch FROM "
                + "run.created_at - $2::timestamptz) / $3::int)::int AS b, coalesce(run.carrier_id, '(none)'), count(*), coalesce(sum(cdr.cost), 0) "
                + "FROM run LEFT JOIN cdr ON cdr.call_id = run.id GROUP BY 1, 2 ORDER BY 1", f.runId(), start, bucket)) {
            int b = Math.max(0, r.getInteger(0));
            String carrier = r.getString(1);
            if (!calls.containsKey(carrier)) {
                calls.put(carrier, new JsonArray());
                cost.put(carrier, new JsonArray());
            }
            calls.getJsonArray(carrier).add(new JsonArray().add(b * bucket).add(r.getLong(2)));
            cost.getJsonArray(carrier).add(new JsonArray().add(b * bucket).add(money(r.getBigDecimal(3))));
        }
        return new JsonObject().put("bucket_seconds", bucket).put("calls", calls).put("cost", cost);
    }

    private static String money(BigDecimal amount) {
        return (amount == null ? BigDecimal.ZERO : amount).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    private static Double micros(Integer micros) {
        return micros == null ? null : round(micros / 1000.0, 3);
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

}
