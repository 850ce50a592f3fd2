package io.switchboard.launcher;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running node's public API ({@code --api}): it runs, or prints the
 * API's error as one line {@code switchboard: <code>: <message>} and exits with
 * {@link Main#EXIT_START_FAILED}.
 */
abstract class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    /**
     * @param client the API of the node named by {@code --api}
     * @param out where the command prints
     * @throws ApiClient.ApiException when a call fails
     */
    abstract void run(ApiClient client, PrintWriter out) throws ApiClient.ApiException;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            run(api.client(), out);
            out.flush();
            return 0;
        } catch (ApiClient.ApiException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("switchboard: " + e.getMessage());
            err.flush();
            return Main.EXIT_START_FAILED;
        }
    }
}
