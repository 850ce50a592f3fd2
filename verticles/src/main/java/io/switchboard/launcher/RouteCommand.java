package io.switchboard.launcher;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard route +442071838750 [--service voice]}: prints the route plan a running
 * node's router would follow ({@code GET /v1/routes}) as a table: candidates in order with
 * carrier, matched prefix, rate, estimated cost, health, breaker and reason, then the excluded
 * carriers with why.
 */
@Command(name = "route", mixinStandardHelpOptions = true, description = "Explain the route plan for a number.")
final class RouteCommand extends ApiCommand {

    @Parameters(paramLabel = "NUMBER", description = "Destination in E.164, e.g. +442071838750.")
    String number;
    @Option(names = "--service", defaultValue = "voice", description = "voice, sms, mms or fax (default: voice).")
    String service;
    @Option(names = "--tenant", description = "Apply this tenant's routing rules (UUID).")
    String tenant;

    @Override
    void run(ApiClient client, PrintWriter out) throws ApiClient.ApiException {
        JsonObject plan = client.get("v1/routes?to=" + DecksCommand.q(number) + "&service=" + DecksCommand.q(service)
                + (tenant == null ? "" : "&tenant_id=" + DecksCommand.q(tenant)));
        out.printf("route plan for %s (%s), decided in %d µs%n", plan.getString("destination"), plan.getString("service"),
                plan.getLong("decision_micros"));
        Table candidates = new Table("#", "CARRIER", "TIER", "PREFIX", "RATE", "EST. COST", "HEALTH", "BREAKER", "DECK",
                "REASON");
        int[] n = {0};
        plan.getJsonArray("candidates").forEach(c -> {
            JsonObject x = (JsonObject) c;
            candidates.row(++n[0], x.getString("carrier"), x.getInteger("tier"), x.getString("matched_prefix"),
                    money(x.getJsonObject("rate")), money(x.getJsonObject("estimated_cost")), x.getInteger("health_score"),
                    x.getString("breaker_state"), x.getLong("deck_version"), x.getString("reason"));
        });
        candidates.print(out);
        if (!plan.getJsonArray("excluded").isEmpty()) {
            out.println();
            Table excluded = new Table("EXCLUDED", "REASON", "DETAIL");
            plan.getJsonArray("excluded").forEach(e -> {
                JsonObject x = (JsonObject) e;
                excluded.row(x.getString("carrier"), x.getString("reason"), x.getString("detail"));
            });
            excluded.print(out);
        }
    }

    private static String money(JsonObject money) {
        return money.getString("amount") + " " + money.getString("currency");
    }
}
