package io.switchboard.launcher;

import picocli.CommandLine.Option;

/** The {@code --api} option shared by the commands that talk to a running node. */
final class ApiOptions {

    @Option(names = "--api", paramLabel = "URL", defaultValue = "${env:SWITCHBOARD_API_URL:-http://127.0.0.1:8080}",
            description = "Public API of a running node (default: ${DEFAULT-VALUE}; env SWITCHBOARD_API_URL).")
    String url;

    ApiClient client() {
        return new ApiClient(url);
    }
}
