package io.switchboard.api;

import io.switchboard.cdr.CdrQueries;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The records (issue 7), all scoped to the request's tenant:
 * <ul>
 * <li>{@code GET /v1/cdrs} — filters {@code from}, {@code to} (RFC 3339), {@code carrier}, {@code state},
 *     {@code prefix} (destination digits), {@code record_type} ({@code call}, {@code message},
 *     {@code attempt}), {@code limit}, {@code starting_after}; {@code format=json} (default) or
 *     {@code csv} (RFC 4180, header row of {@link CdrQueries#CDR_COLUMNS}).</li>
 * <li>{@code GET /v1/usage} (default {@code group_by=day}) and {@code GET /v1/costs} (default
 *     {@code group_by=carrier}): counts, answered calls, billed minutes, segments and cost per
 *     {@code day}, {@code carrier} or {@code country}, computed in SQL.</li>
 * <li>{@code GET /v1/webhooks/deliveries} ({@code state=pending|delivered|dead}, {@code limit}) and
 *     {@code POST /v1/webhooks/deliveries/{id}/replay}.</li>
 * </ul>
 */
final class RecordsApi {

    private final CdrQueries queries;

    RecordsApi(CdrQueries queries) {
        this.queries = queries;
    }

    /** Mounted before the carrier webhook ingress, whose {@code /v1/webhooks/{carrier}/...} would match too. */
    void mount(Router router) {
        router.get("/v1/cdrs").handler(this::cdrs);
        router.get("/v1/usage").handler(ctx -> totals(ctx, "day"));
        router.get("/v1/costs").handler(ctx -> totals(ctx, "carrier"));
        router.get("/v1/webhooks/deliveries").handler(this::deliveries);
        router.post("/v1/webhooks/deliveries/:id/replay").handler(this::replay);
    }

    private void cdrs(RoutingContext ctx) {
        boolean csv;
        CdrQueries.CdrFilter filter;
        try {
            String format = Params.optional(ctx, "format");
            if (format != null && !format.equals("json") && !format.equals("csv")) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "format", "format: expected json or csv");
            }
            csv = "csv".equals(format);
            String prefix = Params.optional(ctx, "prefix");
            if (prefix != null && !prefix.matches("[0-9]{1,15}")) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "prefix", "prefix: expected 1 to 15 digits");
            }
            String type = Params.optional(ctx, "record_type");
            if (type != null && !Set.of("call", "message", "attempt").contains(type)) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "record_type",
                        "record_type: expected call, message or attempt");
            }
            filter = new CdrQueries.CdrFilter(Params.time(ctx, "from"), Params.time(ctx, "to"), Params.optional(ctx, "carrier"),
                    Params.optional(ctx, "state"), prefix, type, Params.uuid(ctx, "starting_after"),
                    Params.limit(ctx, 100, 10_000));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "cdrs");
            return;
        }
        queries.cdrs(Tenants.of(ctx), filter).onSuccess(rows -> {
            if (!csv) {
                ApiResponses.json(ctx, 200, Map.of("data", rows, "has_more", rows.size() == filter.limit()));
                return;
            }
            StringWriter out = new StringWriter();
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                    .setHeader(CdrQueries.CDR_COLUMNS.toArray(String[]::new)).get())) {
                for (Map<String, Object> row : rows) {
                    printer.printRecord(row.values());
                }
            } catch (IOException e) {
                ctx.fail(e);
                return;
            }
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").end(out.toString());
        }).onFailure(error -> ApiResponses.error(ctx, error, "cdrs"));
    }

    private void totals(RoutingContext ctx, String defaultGroup) {
        try {
            String group = Params.optional(ctx, "group_by");
            queries.totals(Tenants.of(ctx), Params.time(ctx, "from"), Params.time(ctx, "to"), group == null ? defaultGroup : group)
                    .onSuccess(body -> ApiResponses.json(ctx, 200, body))
                    .onFailure(error -> ApiResponses.error(ctx, error, "totals"));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "totals");
        }
    }

    private void deliveries(RoutingContext ctx) {
        try {
            String state = Params.optional(ctx, "state");
            if (state != null && !Set.of("pending", "delivered", "dead").contains(state)) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, "state",
                        "state: expected pending, delivered or dead");
            }
            queries.deliveries(Tenants.of(ctx), state, Params.limit(ctx, 50, 500))
                    .onSuccess(body -> ApiResponses.json(ctx, 200, body))
                    .onFailure(error -> ApiResponses.error(ctx, error, "deliveries"));
        } catch (SwitchboardException e) {
            ApiResponses.error(ctx, e, "deliveries");
        }
    }

    private void replay(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ApiResponses.error(ctx, SwitchboardException.invalidField(ErrorCode.TEL_011, "id",
                    "id: expected a delivery number"), "deliveries");
            return;
        }
        queries.replay(Tenants.of(ctx), id).onSuccess(v -> ApiResponses.json(ctx, 202, Map.of("id", id,
                        "state", "pending")))
                .onFailure(error -> ApiResponses.error(ctx, error, "deliveries"));
    }
}
