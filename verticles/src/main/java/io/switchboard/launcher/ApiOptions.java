package io.switchboard.launcher;

import picocli.CommandLine.Option;

/** The {@code --api} and {@code --api-key} options shared by the commands that talk to a running node. */
final class ApiOptions {

    @Option(names = "--api", paramLabel = "URL", defaultValue = "${env:SWITCHBOARD_API_URL:-http://127.0.0.1:8080}",
            description = "Public API of a running node (default: ${DEFAULT-VALUE}; env SWITCHBOARD_API_URL).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:SWITCHBOARD_API_KEY:-}",
            description = "API key sent as Authorization: Bearer (env SWITCHBOARD_API_KEY; the bootstrap admin key "
                    + "for decks, keys and tenants).")
    String key;

    ApiClient client() {
        return new ApiClient(url, key);
    }
}
