package io.switchboard.replay;

import io.vertx.core.json.JsonObject;

/** The replay report as the few lines printed at the end of a run. */
public final class ReportText {

    private ReportText() {
    }

    /**
     * @param report the JSON report ({@link ReplayReport})
     * @return the summary, several lines
     */
    public static String render(JsonObject report) {
        JsonObject run = report.getJsonObject("run");
        JsonObject records = report.getJsonObject("records");
        JsonObject cost = report.getJsonObject("cost");
        JsonObject latency = report.getJsonObject("latency");
        StringBuilder t = new StringBuilder();
        String nl = System.lineSeparator();
        t.append("Replay ").append(run.getString("id")).append(": ").append(run.getLong("calls_placed"))
                .append(" calls placed at ").append(run.getValue("cps_achieved")).append(" cps (").append(run.getValue("cps_target"))
                .append(" asked); traffic ").append(run.getValue("traffic_seconds")).append(" s, records complete after ")
                .append(run.getValue("total_seconds")).append(" s").append(nl);
        t.append("Calls by final state: ").append(report.getJsonObject("states").encode()).append(nl);
        t.append("Share per carrier:").append(nl);
        report.getJsonArray("carriers").forEach(o -> {
            JsonObject c = (JsonObject) o;
            t.append(String.format("  %-14s %7d calls  %6.2f %%  %7d answered  cost %s%n", c.getString("carrier"),
                    c.getLong("calls"), ((Number) c.getValue("share_percent")).doubleValue(), c.getLong("answered"),
                    c.getString("cost")));
        });
        t.append("Cost under LCR: ").append(cost.getString("lcr_total")).append(' ').append(cost.getString("currency"))
                .append("; each carrier alone, on the calls it reaches:").append(nl);
        cost.getJsonArray("single_carrier").forEach(o -> {
            JsonObject c = (JsonObject) o;
            t.append(String.format("  %-14s alone %12s  LCR %12s  saving %s  (%d covered, %d while it was out or down, %d uncovered)%n",
                    c.getString("carrier"), c.getString("single_carrier_cost"), c.getString("lcr_cost_same_calls"),
                    c.containsKey("lcr_saving_percent") ? c.getValue("lcr_saving_percent") + " %" : "n/a",
                    c.getLong("covered_calls"), c.getLong("unavailable_calls"), c.getLong("uncovered_calls")));
        });
        t.append("Failovers: ").append(report.getJsonObject("failovers").getLong("calls")).append(" calls; lost: ")
                .append(report.getJsonObject("lost").getLong("calls")).append(" (")
                .append(report.getJsonObject("lost").getLong("unroutable_no_carrier_covers")).append(" unroutable: no deck covers)")
                .append(nl);
        report.getJsonArray("outages").forEach(o -> {
            JsonObject out = (JsonObject) o;
            t.append(String.format("  outage %s %s s: %d calls placed, %d tried on it, %d failed over, %d lost while "
                            + "another carrier covers, %d in progress on it when it began%n", out.getString("carrier"), out.getValue("seconds"),
                    out.getLong("calls_placed"), out.getLong("calls_tried_on_it"), out.getLong("failed_over"),
                    out.getLong("lost_while_another_carrier_covers"), out.getLong("in_progress_on_it")));
        });
        JsonObject routing = latency.getJsonObject("routing_decision_ms");
        JsonObject api = latency.getJsonObject("api_ms");
        t.append("Routing decision p50/p99: ").append(routing.getValue("p50")).append(" / ").append(routing.getValue("p99"))
                .append(" ms; API p50/p99: ").append(api.getValue("p50")).append(" / ").append(api.getValue("p99"))
                .append(" ms").append(nl);
        t.append("Records: ").append(records.getLong("calls_placed")).append(" placed, ").append(records.getLong("calls_rows"))
                .append(" calls rows, ").append(records.getLong("call_cdrs")).append(" call CDRs, ")
                .append(records.getLong("attempt_cdrs")).append(" attempt CDRs: ")
                .append(records.getBoolean("complete") ? "complete" : "INCOMPLETE").append(nl);
        return t.toString();
    }
}
