package io.switchboard.node;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a Vert.x future from a launcher thread (start-up and shutdown run sequentially on the
 * launcher's thread). Never call these on an event loop.
 */
final class Await {

    private Await() {
    }

    /**
     * @param future what to wait for
     * @param timeoutMs how long, in ms
     * @param what a one-line prefix for failures, e.g. {@code "database.url: cannot connect"}
     * @return the future's result
     * @throws StartupException on failure or time-out, with {@code what} and the cause's message;
     *     a {@link StartupException} the future failed with is thrown as it is
     */
    static <T> T result(Future<T> future, long timeoutMs, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof StartupException explained) {
                    throw explained;
                }
            }
            throw new StartupException(what + ": " + Failures.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException(what + ": no answer within " + timeoutMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException(what + ": interrupted", e);
        }
    }
}
