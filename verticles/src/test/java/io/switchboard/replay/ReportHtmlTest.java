package io.switchboard.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The HTML report of the 10,000-call replay of the shipped data (its JSON kept as a fixture):
 * self-contained, four well-formed SVG charts, and the outage visible as a drop to 0 of the
 * carrier's line (not a straight line across the gap), text and figures escaped.
 */
class ReportHtmlTest {

    @Test
    void rendersSelfContainedChartsWithTheOutage() throws Exception {
        JsonObject report = new JsonObject(Files.readString(Path.of(ReportHtmlTest.class
                .getResource("/replay/report-10000-calls.json").toURI())));
        String html = ReportHtml.render(report);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=") || html.contains("href="),
                "no external resource");
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        List<Element> charts = new ArrayList<>();
        while (svg.find()) {
            charts.add(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.group().getBytes(StandardCharsets.UTF_8))).getDocumentElement());
        }
        assertEquals(4, charts.size(), "timeline, cost, share, states");
        Element timeline = charts.get(0);
        assertTrue(timeline.getTextContent().contains("telnyx outage"));
        NodeList lines = timeline.getElementsByTagName("polyline");
        assertEquals(report.getJsonObject("timeline").getJsonObject("calls").size(), lines.getLength(), "a line per carrier");
        // telnyx (first line) carries nothing during its outage: points on the axis (y = 270)
        String telnyx = ((Element) lines.item(0)).getAttribute("points");
        assertTrue(telnyx.contains(",270.0"), telnyx);
        assertTrue(html.contains("180.787700") && html.contains("10000 (complete)"), "headline figures from the JSON");
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", ReportHtml.esc("a <b> & \"c\""));
    }
}
