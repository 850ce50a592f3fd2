package io.switchboard.launcher;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    static int fail(PrintWriter err, ApiClient.ApiException e) {
        err.println("switchboard: " + e.getMessage());
        err.flush();
        return Main.EXIT_START_FAILED;
    }

    /** {@code decks import --carrier telnyx --service voice FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = "Import FILE as a new published version.")
    static final class Import implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ApiOptions api;
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
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String query = "v1/decks?carrier=" + q(carrier) + "&service=" + q(service) + "&filename="
                    + q(file.getFileName().toString()) + (format == null ? "" : "&format=" + q(format))
                    + (skipInvalid ? "&skip_invalid=true" : "");
            try {
                JsonObject report = api.client().postFile(query, file);
                out.printf("deck version %d of %s %s published: %d rows (%s layout, %s), %d rejected rows skipped; "
                                + "read in %d ms, stored in %d ms%n", report.getLong("deck_id"), carrier, service,
                        report.getLong("rows_accepted"), report.getString("format"), report.getString("currency"),
                        report.getLong("rows_rejected"), report.getLong("parse_ms"), report.getLong("store_ms"));
                report.getJsonArray("rejections").forEach(r -> out.println("  skipped row "
                        + ((JsonObject) r).getValue("row_number") + ": " + ((JsonObject) r).getString("reason")));
                out.flush();
                return 0;
            } catch (ApiClient.ApiException e) {
                return fail(spec.commandLine().getErr(), e);
            }
        }
    }

    /** {@code decks list [--carrier X]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List deck versions, newest first.")
    static final class ListVersions implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Option(names = "--carrier", description = "Only this carrier's versions.")
        String carrier;

        @Override
        public Integer call() {
            try {
                JsonObject page = api.client().get("v1/decks" + (carrier == null ? "" : "?carrier=" + q(carrier)));
                Table table = new Table("VERSION", "CARRIER", "SERVICE", "STATUS", "ROWS", "CURRENCY", "IMPORTED", "SOURCE");
                page.getJsonArray("data").forEach(v -> {
                    JsonObject d = (JsonObject) v;
                    table.row(d.getLong("id"), d.getString("carrier"), d.getString("service"), d.getString("status"),
                            d.getInteger("row_count"), d.getString("currency"), d.getString("imported_at"),
                            d.getString("source_name"));
                });
                table.print(spec.commandLine().getOut());
                return 0;
            } catch (ApiClient.ApiException e) {
                return fail(spec.commandLine().getErr(), e);
            }
        }
    }

    /** {@code decks diff V1 V2}. */
    @Command(name = "diff", mixinStandardHelpOptions = true, description = "What changed from version V1 to V2.")
    static final class Diff implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        ApiOptions api;
        @Parameters(index = "0", paramLabel = "V1")
        long from;
        @Parameters(index = "1", paramLabel = "V2")
        long to;
        @Option(names = "--limit", defaultValue = "50", description = "Changed prefixes to list (default 50).")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                JsonObject diff = api.client().get("v1/decks/diff?from=" + from + "&to=" + to + "&limit=" + limit);
                JsonObject c = diff.getJsonObject("counts");
                out.printf("version %d -> %d: %d added, %d removed, %d up, %d down, %d unchanged%n", from, to,
                        c.getLong("added"), c.getLong("removed"), c.getLong("up"), c.getLong("down"), c.getLong("same"));
                Table table = new Table("PREFIX", "CHANGE", "OLD RATE", "NEW RATE");
                diff.getJsonArray("changes").forEach(x -> {
                    JsonObject d = (JsonObject) x;
                    table.row(d.getString("prefix"), d.getString("change"), d.getValue("old_rate"), d.getValue("new_rate"));
                });
                table.print(out);
                return 0;
            } catch (ApiClient.ApiException e) {
                return fail(spec.commandLine().getErr(), e);
            }
        }
    }
}
