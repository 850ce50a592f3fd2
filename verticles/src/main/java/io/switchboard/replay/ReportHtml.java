package io.switchboard.replay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a replay report ({@link ReplayReport}) as one self-contained HTML page: tables and inline
 * SVG charts drawn here (traffic per carrier over time with the outages shaded, cost of LCR against
 * each carrier alone, share per carrier, final states). No script, no external style sheet, font
 * or image: the file can be mailed or opened offline.
 */
public final class ReportHtml {

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private ReportHtml() {
    }

    /**
     * @param report the JSON report
     * @return the HTML page
     */
    public static String render(JsonObject report) {
        JsonObject run = report.getJsonObject("run");
        JsonObject records = report.getJsonObject("records");
        JsonObject cost = report.getJsonObject("cost");
        JsonObject latency = report.getJsonObject("latency");
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Switchboard replay ")
                .append(esc(run.getString("id"))).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
                .append(".ok{color:#2a7d2a;font-weight:bold}.bad{color:#b00;font-weight:bold}svg{background:#fafafa;")
                .append("border:1px solid #ddd}small{color:#666}</style></head><body>");
        h.append("<h1>Switchboard replay</h1><p>Run <code>").append(esc(run.getString("id"))).append("</code>: ")
                .append(run.getLong("calls_placed")).append(" calls from <code>").append(esc(run.getString("traffic_file")))
                .append("</code> over the decks in <code>").append(esc(run.getString("decks"))).append("</code>, ")
                .append(run.getValue("cps_target")).append(" cps asked, ").append(run.getValue("cps_achieved"))
                .append(" achieved; traffic ").append(run.getValue("traffic_seconds")).append(" s, records complete after ")
                .append(run.getValue("total_seconds")).append(" s.</p>");

        boolean complete = records.getBoolean("complete", false);
        long lost = report.getJsonObject("lost").getLong("calls");
        h.append("<h2>Headline</h2><table><tr><th>figure</th><th>value</th></tr>")
                .append(row("calls placed", String.valueOf(records.getLong("calls_placed"))))
                .append(row("call CDRs written", "<span class=\"" + (complete ? "ok" : "bad") + "\">"
                        + records.getLong("call_cdrs") + (complete ? " (complete)" : " (INCOMPLETE)") + "</span>"))
                .append(row("calls lost while another carrier covered", "<span class=\"" + (lost == 0 ? "ok" : "bad") + "\">"
                        + lost + "</span>"))
                .append(row("calls failed over", String.valueOf(report.getJsonObject("failovers").getLong("calls"))))
                .append(row("total cost under LCR", cost.getString("lcr_total") + " " + cost.getString("currency")))
                .append(row("routing decision p50 / p99", ms(latency.getJsonObject("routing_decision_ms"))))
                .append(row("API latency p50 / p99", ms(latency.getJsonObject("api_ms"))))
                .append("</table>");

        h.append("<h2>Traffic per carrier over time</h2>").append(timelineChart(report))
                .append("<p><small>Calls per carrier (the carrier that carried each call in the end) per ")
                .append(report.getJsonObject("timeline").getInteger("bucket_seconds"))
                .append(" s of call creation; shaded: outages.</small></p>");

        h.append("<h2>Cost: LCR against each carrier alone</h2>").append(costChart(cost))
                .append("<table><tr><th>carrier</th><th>covered calls</th><th>placed while it was out or down</th><th>uncovered</th><th>cost alone</th>")
                .append("<th>LCR cost, same calls</th><th>LCR saving</th></tr>");
        for (Object o : cost.getJsonArray("single_carrier")) {
            JsonObject c = (JsonObject) o;
            h.append("<tr><td>").append(esc(c.getString("carrier"))).append("</td><td>").append(c.getLong("covered_calls"))
                    .append("</td><td>").append(c.getLong("unavailable_calls")).append("</td><td>").append(c.getLong("uncovered_calls")).append("</td><td>")
                    .append(c.getString("single_carrier_cost")).append("</td><td>").append(c.getString("lcr_cost_same_calls"))
                    .append("</td><td>").append(c.containsKey("lcr_saving_percent") ? c.getValue("lcr_saving_percent") + " %" : "")
                    .append("</td></tr>");
        }
        h.append("</table><p><small>").append(esc(cost.getString("method"))).append("</small></p>");

        h.append("<h2>Share per carrier</h2>").append(barChart(shares(report.getJsonArray("carriers")), "%"))
                .append("<table><tr><th>carrier</th><th>calls</th><th>answered</th><th>share</th><th>cost</th></tr>");
        for (Object o : report.getJsonArray("carriers")) {
            JsonObject c = (JsonObject) o;
            h.append("<tr><td>").append(esc(c.getString("carrier"))).append("</td><td>").append(c.getLong("calls"))
                    .append("</td><td>").append(c.getLong("answered")).append("</td><td>").append(c.getValue("share_percent"))
                    .append(" %</td><td>").append(c.getString("cost")).append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>Calls by final state</h2>");
        List<Object[]> states = new ArrayList<>();
        report.getJsonObject("states").forEach(e -> states.add(new Object[] {e.getKey(), ((Number) e.getValue()).doubleValue()}));
        h.append(barChart(states, "")).append("<table><tr><th>state</th><th>calls</th></tr>");
        report.getJsonObject("states").forEach(e -> h.append(row(e.getKey(), String.valueOf(e.getValue()))));
        h.append("</table>");

        h.append("<h2>Outages and failover</h2><table><tr><th>carrier</th><th>from</th><th>s</th><th>calls placed</th>")
                .append("<th>reached by it</th><th>tried on it</th><th>failed over</th><th>lost (another carrier covers)</th>")
                .append("<th>failed, nobody else covers</th><th>in progress on it when it began</th></tr>");
        for (Object o : report.getJsonArray("outages")) {
            JsonObject out = (JsonObject) o;
            h.append("<tr><td>").append(esc(out.getString("carrier"))).append("</td><td>").append(esc(out.getString("start")))
                    .append("</td><td>").append(out.getValue("seconds")).append("</td><td>").append(out.getLong("calls_placed"))
                    .append("</td><td>").append(out.getLong("calls_the_carrier_reaches")).append("</td><td>")
                    .append(out.getLong("calls_tried_on_it")).append("</td><td>").append(out.getLong("failed_over"))
                    .append("</td><td>").append(out.getLong("lost_while_another_carrier_covers")).append("</td><td>")
                    .append(out.getLong("failed_no_other_carrier_covers")).append("</td><td>")
                    .append(out.getLong("in_progress_on_it")).append("</td></tr>");
        }
        h.append("</table><table><tr><th>failover path (first carrier → final)</th><th>calls</th></tr>");
        for (Object o : report.getJsonObject("failovers").getJsonArray("paths")) {
            JsonObject p = (JsonObject) o;
            h.append(row(esc(p.getString("from")) + " → " + esc(p.getString("to")), String.valueOf(p.getLong("calls"))));
        }
        h.append("</table>");

        h.append("<h2>Records</h2><table><tr><th>what</th><th>rows</th></tr>")
                .append(row("calls placed (API requests)", String.valueOf(records.getLong("calls_placed"))))
                .append(row("API answers with a call id", String.valueOf(records.getLong("api_answers_with_call_id"))))
                .append(row("calls rows", String.valueOf(records.getLong("calls_rows"))))
                .append(row("call CDRs (cdrs, record_type call)", String.valueOf(records.getLong("call_cdrs"))))
                .append(row("attempt CDRs (cdrs, record_type attempt)", String.valueOf(records.getLong("attempt_cdrs"))))
                .append(row("call_attempts rows", String.valueOf(records.getLong("call_attempts_rows"))))
                .append("</table><p><small>Every figure on this page is read back from the PostgreSQL tables (calls, cdrs, ")
                .append("call_attempts, routing_log, rates, rate_decks) except the API latency, which the replayer's HTTP ")
                .append("client measured. Generated ").append(Instant.now()).append(".</small></p></body></html>\n");
        return h.toString();
    }

    private static List<Object[]> shares(JsonArray carriers) {
        List<Object[]> out = new ArrayList<>();
        for (Object o : carriers) {
            JsonObject c = (JsonObject) o;
            out.add(new Object[] {c.getString("carrier"), ((Number) c.getValue("share_percent")).doubleValue()});
        }
        return out;
    }

    /** Horizontal bars, one per label. */
    static String barChart(List<Object[]> bars, String unit) {
        int width = 700;
        int rowH = 24;
        int left = 150;
        double max = bars.stream().mapToDouble(b -> (Double) b[1]).max().orElse(1);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(bars.size() * rowH + 10).append("\" role=\"img\">");
        for (int i = 0; i < bars.size(); i++) {
            double v = (Double) bars.get(i)[1];
            double w = max <= 0 ? 0 : (width - left - 90) * v / max;
            int y = 5 + i * rowH;
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\" font-size=\"12\">").append(esc(String.valueOf(bars.get(i)[0]))).append("</text>")
                    .append("<rect x=\"").append(left).append("\" y=\"").append(y + 3).append("\" width=\"").append(fmt(w))
                    .append("\" height=\"").append(rowH - 6).append("\" fill=\"").append(COLOURS[i % COLOURS.length]).append("\"/>")
                    .append("<text x=\"").append(fmt(left + w + 5)).append("\" y=\"").append(y + 16)
                    .append("\" font-size=\"12\">").append(fmt(v)).append(unit.isEmpty() ? "" : " " + unit).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    /** Paired bars per carrier: the carrier alone and LCR on the same calls. */
    static String costChart(JsonObject cost) {
        List<JsonObject> rows = new ArrayList<>();
        cost.getJsonArray("single_carrier").forEach(o -> rows.add((JsonObject) o));
        int width = 700;
        int rowH = 40;
        int left = 150;
        double max = 0;
        for (JsonObject r : rows) {
            max = Math.max(max, Math.max(Double.parseDouble(r.getString("single_carrier_cost")),
                    Double.parseDouble(r.getString("lcr_cost_same_calls"))));
        }
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\""
                + (rows.size() * rowH + 30) + "\" role=\"img\">");
        for (int i = 0; i < rows.size(); i++) {
            JsonObject r = rows.get(i);
            int y = 5 + i * rowH;
            double alone = Double.parseDouble(r.getString("single_carrier_cost"));
            double lcr = Double.parseDouble(r.getString("lcr_cost_same_calls"));
            double scale = max <= 0 ? 0 : (width - left - 110) / max;
            s.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 22).append("\" text-anchor=\"end\" font-size=\"12\">")
                    .append(esc(r.getString("carrier"))).append("</text>")
                    .append("<rect x=\"").append(left).append("\" y=\"").append(y + 2).append("\" width=\"").append(fmt(alone * scale))
                    .append("\" height=\"16\" fill=\"#e15759\"/><text x=\"").append(fmt(left + alone * scale + 5)).append("\" y=\"")
                    .append(y + 15).append("\" font-size=\"11\">").append(r.getString("single_carrier_cost")).append(" alone</text>")
                    .append("<rect x=\"").append(left).append("\" y=\"").append(y + 19).append("\" width=\"").append(fmt(lcr * scale))
                    .append("\" height=\"16\" fill=\"#59a14f\"/><text x=\"").append(fmt(left + lcr * scale + 5)).append("\" y=\"")
                    .append(y + 32).append("\" font-size=\"11\">").append(r.getString("lcr_cost_same_calls")).append(" LCR</text>");
        }
        int y = rows.size() * rowH + 20;
        s.append("<rect x=\"").append(left).append("\" y=\"").append(y - 10).append("\" width=\"10\" height=\"10\" fill=\"#e15759\"/>")
                .append("<text x=\"").append(left + 14).append("\" y=\"").append(y).append("\" font-size=\"11\">")
                .append("every covered call on this carrier alone</text><rect x=\"").append(left + 260).append("\" y=\"")
                .append(y - 10).append("\" width=\"10\" height=\"10\" fill=\"#59a14f\"/><text x=\"").append(left + 274)
                .append("\" y=\"").append(y).append("\" font-size=\"11\">what LCR paid for the same calls</text>");
        return s.append("</svg>").toString();
    }

    /** Lines per carrier of calls per time bucket; outages as shaded bands with their carrier's name. */
    static String timelineChart(JsonObject report) {
        JsonObject timeline = report.getJsonObject("timeline");
        JsonObject calls = timeline.getJsonObject("calls");
        int bucket = timeline.getInteger("bucket_seconds");
        Instant start = Instant.parse(report.getJsonObject("run").getString("traffic_start"));
        int width = 900;
        int height = 300;
        int left = 50;
        int bottom = 30;
        double maxX = 1;
        double maxY = 1;
        long lastBucketEnd = 0;
        for (String carrier : calls.fieldNames()) {
            for (Object p : calls.getJsonArray(carrier)) {
                JsonArray point = (JsonArray) p;
                maxX = Math.max(maxX, point.getLong(0) + bucket);
                maxY = Math.max(maxY, point.getLong(1));
                lastBucketEnd = Math.max(lastBucketEnd, point.getLong(0) + bucket);
            }
        }
        for (Object o : report.getJsonArray("outages")) {
            JsonObject out = (JsonObject) o;
            maxX = Math.max(maxX, (Instant.parse(out.getString("end")).toEpochMilli() - start.toEpochMilli()) / 1000.0);
        }
        double sx = (width - left - 130) / maxX;
        double sy = (height - bottom - 10) / maxY;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\""
                + height + "\" role=\"img\">");
        for (Object o : report.getJsonArray("outages")) {
            JsonObject out = (JsonObject) o;
            double x0 = (Instant.parse(out.getString("start")).toEpochMilli() - start.toEpochMilli()) / 1000.0;
            double x1 = (Instant.parse(out.getString("end")).toEpochMilli() - start.toEpochMilli()) / 1000.0;
            s.append("<rect x=\"").append(fmt(left + x0 * sx)).append("\" y=\"10\" width=\"").append(fmt((x1 - x0) * sx))
                    .append("\" height=\"").append(height - bottom - 10).append("\" fill=\"#e15759\" fill-opacity=\"0.15\"/>")
                    .append("<text x=\"").append(fmt(left + x0 * sx + 3)).append("\" y=\"22\" font-size=\"11\" fill=\"#b00\">")
                    .append(esc(out.getString("carrier"))).append(" outage</text>");
        }
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(height - bottom).append("\" x2=\"")
                .append(width - 130).append("\" y2=\"").append(height - bottom).append("\" stroke=\"#888\"/>")
                .append("<line x1=\"").append(left).append("\" y1=\"10\" x2=\"").append(left).append("\" y2=\"")
                .append(height - bottom).append("\" stroke=\"#888\"/>")
                .append("<text x=\"").append(left - 4).append("\" y=\"18\" text-anchor=\"end\" font-size=\"11\">")
                .append((long) maxY).append("</text><text x=\"").append(left - 4).append("\" y=\"").append(height - bottom)
                .append("\" text-anchor=\"end\" font-size=\"11\">0</text><text x=\"").append(width - 130).append("\" y=\"")
                .append(height - 10).append("\" text-anchor=\"end\" font-size=\"11\">").append((long) maxX)
                .append(" s</text><text x=\"").append(left).append("\" y=\"").append(height - 10)
                .append("\" font-size=\"11\">0 s</text>");
        int i = 0;
        for (String carrier : calls.fieldNames()) {
            String colour = COLOURS[i % COLOURS.length];
            java.util.Map<Long, Long> counts = new java.util.HashMap<>();
            for (Object p : calls.getJsonArray(carrier)) {
                JsonArray point = (JsonArray) p;
                counts.put(point.getLong(0), point.getLong(1));
            }
            StringBuilder points = new StringBuilder();
            for (long t = 0; t < lastBucketEnd; t += bucket) {
                // a bucket without calls of this carrier is a 0 (an outage shows as a drop, not a straight line)
                double x = left + (t + bucket / 2.0) * sx;
                double y = height - bottom - counts.getOrDefault(t, 0L) * sy;
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>")
                    .append("<rect x=\"").append(width - 120).append("\" y=\"").append(14 + i * 18)
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(colour).append("\"/><text x=\"")
                    .append(width - 106).append("\" y=\"").append(23 + i * 18).append("\" font-size=\"11\">")
                    .append(esc(carrier)).append("</text>");
            i++;
        }
        return s.append("</svg>").toString();
    }

    private static String row(String label, String value) {
        return "<tr><td>" + label + "</td><td>" + value + "</td></tr>";
    }

    private static String ms(JsonObject latency) {
        return latency.getValue("p50") == null ? "n/a" : latency.getValue("p50") + " ms / " + latency.getValue("p99") + " ms";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
