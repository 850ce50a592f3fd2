package io.switchboard.launcher;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard decks import|list|diff}: rate decks through a running node's REST API
 * ({@code POST /v1/decks}, {@code GET /v1/decks}, {@code GET /v1/decks/diff}). A failure prints
 * the API's TEL code and message (and rejected rows) and exits 1.
 */
@Command(name = "decks", mixinStandardHelpOptions = true, description = "Import, list and compare rate decks.",
        subcommands = {DecksCommand.Import.class, DecksCommand.ListVersions.class, DecksCommand.Diff.class})
final class DecksCommand {

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code decks import --carrier telnyx --service voice FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import FILE as a new published version.")
    static final class Import extends ApiCommand {
        @Option(names = "--carrier", required = true, description = "Carrier id, e.g. telnyx.")
        String carrier;
        @Option(names = "--service", defaultValue = "voice", description = "voice, sms, mms or fax (default: voice).")
        String service;
        @Option(names = "--format", description = "az, twilio or supplier-notice (default: detected from the header).")
        String format;
        @Option(names = "--skip-invalid", description = "Publish the valid rows of a file with rejected rows.")
        boolean skipInvalid;
        @Parameters(paramLabel = "FILE", description = "The deck, CSV.")
        Path file;

        @Override
        void run(ApiClient client, PrintWriter out) throws ApiClient.ApiException {
            String query = "v1/decks?carrier=" + q(carrier) + "&service=" + q(service) + "&filename="
                    + q(file.getFileName().toString()) + (format == null ? "" : "&format=" + q(format))
                    + (skipInvalid ? "&skip_invalid=true" : "");
            JsonObject report = client.postFile(query, file);
            out.printf("deck version %d of %s %s published: %d rows (%s layout, %s), %d rejected rows skipped; "
                            + "read and stored in %d ms, published in %d ms%n", report.getLong("deck_id"), carrier, service,
                    report.getLong("rows_accepted"), report.getString("format"), report.getString("currency"),
                    report.getLong("rows_rejected"), report.getLong("parse_ms"), report.getLong("store_ms"));
            report.getJsonArray("rejections").forEach(r -> out.println("  skipped row "
                    + ((JsonObject) r).getValue("row_number") + ": " + ((JsonObject) r).getString("reason")));
        }
    }

    /** {@code decks list [--carrier X]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List deck versions, newest first.")
    static final class ListVersions extends ApiCommand {
        @Option(names = "--carrier", description = "Only this carrier's versions.")
        String carrier;

        @Override
        void run(ApiClient client, PrintWriter out) throws ApiClient.ApiException {
            JsonObject page = client.get("v1/decks" + (carrier == null ? "" : "?carrier=" + q(carrier)));
            Table table = new Table("VERSION", "CARRIER", "SERVICE", "STATUS", "ROWS", "CURRENCY", "IMPORTED", "SOURCE");
            page.getJsonArray("data").forEach(v -> {
                JsonObject d = (JsonObject) v;
                table.row(d.getLong("id"), d.getString("carrier"), d.getString("service"), d.getString("status"),
                        d.getInteger("row_count"), d.getString("currency"), d.getString("imported_at"),
                        d.getString("source_name"));
            });
            table.print(out);
        }
    }

    /** {@code decks diff V1 V2}. */
    @Command(name = "diff", mixinStandardHelpOptions = true, description = "What changed from version V1 to V2.")
    static final class Diff extends ApiCommand {
        @Parameters(index = "0", paramLabel = "V1")
        long from;
        @Parameters(index = "1", paramLabel = "V2")
        long to;
        @Option(names = "--limit", defaultValue = "50", description = "Changed prefixes to list (default 50).")
        int limit;

        @Override
        void run(ApiClient client, PrintWriter out) throws ApiClient.ApiException {
            JsonObject diff = client.get("v1/decks/diff?from=" + from + "&to=" + to + "&limit=" + limit);
            JsonObject c = diff.getJsonObject("counts");
            out.printf("version %d -> %d: %d added, %d removed, %d up, %d down, %d unchanged%n", from, to,
                    c.getLong("added"), c.getLong("removed"), c.getLong("up"), c.getLong("down"), c.getLong("same"));
            Table table = new Table("PREFIX", "CHANGE", "OLD RATE", "NEW RATE");
            diff.getJsonArray("changes").forEach(x -> {
                JsonObject d = (JsonObject) x;
                table.row(d.getString("prefix"), d.getString("change"), d.getValue("old_rate"), d.getValue("new_rate"));
            });
            table.print(out);
        }
    }
}
