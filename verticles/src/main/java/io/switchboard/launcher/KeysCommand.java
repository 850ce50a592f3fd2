package io.switchboard.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard keys create|list|revoke}: API keys through a running node's REST API
 * ({@code POST /v1/keys}, {@code GET /v1/keys}, {@code POST /v1/keys/{id}/revoke}), authenticated
 * with {@code --api-key} (a key with {@code keys:write}, or the admin key for other tenants).
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

    /** {@code keys create --scope calls:write --scope calls:read [--test] [--tenant ID] [--ip CIDR] [--expires RFC3339]}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; its secret is printed once.")
    static final class Create extends ApiCommand {
        @Option(names = "--scope", required = true, description = "A scope (repeatable): calls:write, calls:read, "
                + "messages:write, messages:read, cdrs:read, routes:read, events:read, webhooks:read, webhooks:write, "
                + "keys:write, admin.")
        List<String> scopes;
        @Option(names = "--test", description = "A test key (sk_test_), which reaches only sandbox carriers.")
        boolean test;
        @Option(names = "--tenant", description = "The tenant's id (admin key only; default: the caller's tenant).")
        String tenant;
        @Option(names = "--ip", description = "A CIDR block the key may be used from (repeatable; default: any).")
        List<String> ipAllow;
        @Option(names = "--expires", description = "Expiry, RFC 3339 (e.g. 2027-06-30T00:00:00Z).")
        String expires;
        @Option(names = "--description", description = "Free text.")
        String description;

        @Override
        void run(ApiClient client, PrintWriter out) throws ApiClient.ApiException {
            JsonObject body = new JsonObject().put("scopes", new JsonArray(scopes)).put("mode", test ? "test" : "live");
            if (tenant != null) {
                body.put("tenant_id", tenant);
            }
            if (ipAllow != null) {
                body.put("ip_allow", new JsonArray(ipAllow));
            }
            if (expires != null) {
                body.put("expires_at", expires);
            }
            if (description != null) {
                body.put("description", description);
            }
            JsonObject key = client.postJson("v1/keys", body);
            out.printf("key %s created for tenant %s (%s, scopes %s)%n", key.getString("id"), key.getString("tenant_id"),
                    key.getString("mode"), String.join(",", key.getJsonArray("scopes").stream().map(String::valueOf).toList()));
            out.println("secret (shown once, store it now): " + key.getString("key"));
        }
    }

    /** {@code keys list [--tenant ID]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys, newest first (never their secrets).")
    static final class ListKeys extends ApiCommand {
        @Option(names = "--tenant", description = "Only this tenant's keys (admin key only).")
        String tenant;

        @Override
        void run(ApiClient client, PrintWriter out) throws ApiClient.ApiException {
            JsonObject page = client.get("v1/keys?limit=500" + (tenant == null ? "" : "&tenant_id=" + DecksCommand.q(tenant)));
            Table table = new Table("ID", "PREFIX", "TENANT", "MODE", "SCOPES", "EXPIRES", "REVOKED", "LAST USED");
            page.getJsonArray("data").forEach(k -> {
                JsonObject key = (JsonObject) k;
                table.row(key.getString("id"), key.getString("prefix"), key.getString("tenant_id"), key.getString("mode"),
                        String.join(",", key.getJsonArray("scopes").stream().map(String::valueOf).toList()),
                        key.getString("expires_at"), key.getString("revoked_at"), key.getString("last_used_at"));
            });
            table.print(out);
        }
    }

    /** {@code keys revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key at once.")
    static final class Revoke extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "The key's id.")
        String id;

        @Override
        void run(ApiClient client, PrintWriter out) throws ApiClient.ApiException {
            JsonObject key = client.postJson("v1/keys/" + DecksCommand.q(id) + "/revoke", new JsonObject());
            out.printf("key %s (%s...) revoked at %s%n", key.getString("id"), key.getString("prefix"),
                    key.getString("revoked_at"));
        }
    }
}
