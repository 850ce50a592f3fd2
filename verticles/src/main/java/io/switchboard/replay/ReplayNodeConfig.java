package io.switchboard.replay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The configuration layer of the node a replay starts: the carriers of the decks as sandbox
 * carriers (providers Switchboard simulates) and SIP trunks played by {@link TrunkUas} (every
 * other carrier id), the sandbox odds and timing of the replay, short ring and hold times with
 * matching sweeper limits, and the LCR reference duration set to the mean hold time.
 *
 * The replay's own admin key is the node's {@code api.bootstrap-admin-key}. {@code limits.enabled}
 * is set only when the defaults hold it: configuration keys are strict.
 */
public final class ReplayNodeConfig {

    private ReplayNodeConfig() {
    }

    /**
     * @param settings the replay
     * @param sandboxProviders the deck carriers played by sandbox carriers
     * @param trunkPorts the deck carriers played by SIP trunks: carrier id → the UDP port of its {@link TrunkUas}
     * @param defaults the configuration defaults (to see which keys exist)
     * @param adminKey the API key the replay sends, set as {@code api.bootstrap-admin-key}
     * @return the layer (over the defaults and any {@code --config} file)
     */
    public static JsonObject layer(ReplaySettings settings, List<String> sandboxProviders, Map<String, Integer> trunkPorts,
                                   JsonObject defaults, String adminKey) {
        long holdMax = settings.holdMax().toMillis();
        JsonObject layer = new JsonObject()
                .put("http", new JsonObject().put("host", "127.0.0.1").put("port", settings.httpPort()))
                .put("management", new JsonObject().put("host", "127.0.0.1").put("port", 0))
                .put("sandbox", new JsonObject().put("enabled", "true")
                        .put("providers", new JsonArray(List.copyOf(sandboxProviders)))
                        .put("busy-percent", settings.busyPercent()).put("no-answer-percent", settings.noAnswerPercent())
                        .put("failed-percent", settings.failedPercent()).put("ring-ms", settings.ringMs())
                        .put("duration-min-ms", settings.holdMin().toMillis()).put("duration-max-ms", holdMax))
                .put("router", new JsonObject().put("reference-duration-s", settings.referenceDurationS()))
                // a call no carrier reports on (its carrier went down mid-call) is closed soon after its
                // ring timeout or longest hold, so the replay's records are complete within a minute
                .put("calls", new JsonObject().put("ring-grace-ms", 5_000).put("max-duration-ms", holdMax + 30_000))
                .put("sip", new JsonObject().put("udp-port", 0).put("tcp-port", -1)
                        .put("uac-max-duration-ms", holdMax + 30_000));
        if (!settings.join()) {
            String dir = settings.dataDir().toAbsolutePath().toString();
            layer.put("database", new JsonObject().put("embedded", new JsonObject().put("data-dir", dir + "/pg").put("port", 0)))
                    .put("secrets", new JsonObject().put("key-file", dir + "/secret.key"))
                    .put("cdr", new JsonObject().put("journal-dir", dir + "/journal"))
                    .put("cluster", new JsonObject().put("name", "switchboard-replay-" + ProcessHandle.current().pid()));
        }
        JsonObject carriers = new JsonObject();
        trunkPorts.forEach((id, port) -> carriers.put(id, new JsonObject().put("provider", "sip")
                .put("services", new JsonArray().add("voice"))
                .put("settings", new JsonObject().put("host", "127.0.0.1").put("port", String.valueOf(port))
                        .put("transport", "udp").put("number_format", "e164"))));
        if (!carriers.isEmpty()) {
            layer.put("carriers", carriers);
        }
        layer.put("api", new JsonObject().put("bootstrap-admin-key", adminKey));
        if (known(defaults, "limits", "enabled")) {
            layer.put("limits", new JsonObject().put("enabled", false));
        }
        return layer;
    }

    /** @return whether the defaults hold {@code section.key} */
    public static boolean known(JsonObject defaults, String section, String key) {
        Object s = defaults.getValue(section);
        return s instanceof JsonObject json && json.containsKey(key);
    }
}
