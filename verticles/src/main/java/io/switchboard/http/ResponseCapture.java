package io.switchboard.http;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets a handler that runs before an endpoint see the response the endpoint gives (status,
 * content type and body), e.g. to store it for idempotent replays or to learn the id of a created
 * call. Vert.x offers no hook on a response's body, so the API's writers
 * ({@code ApiResponses.json}, {@link ErrorResponses}) end every response through {@link #end}, which
 * hands it to the listeners registered with {@link #listen} and then ends the exchange.
 *
 * <p>Listeners run on the request's context, before the response is written, and also when the
 * client has already gone away (so a result is never lost because of a closed connection).
 */
public final class ResponseCapture {

    private static final String KEY = "switchboard.response-listeners";

    /**
     * A response as the endpoint gave it.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type} header, or null
     * @param body the body as text (the API's bodies are JSON), possibly empty
     */
    public record Captured(int status, String contentType, String body) {
    }

    private ResponseCapture() {
    }

    /** Registers a listener for the response of this exchange. */
    public static void listen(RoutingContext ctx, Consumer<Captured> listener) {
        List<Consumer<Captured>> listeners = ctx.get(KEY);
        if (listeners == null) {
            listeners = new ArrayList<>(2);
            ctx.put(KEY, listeners);
        }
        listeners.add(listener);
    }

    /** @return whether some listener waits for this exchange's response */
    public static boolean listened(RoutingContext ctx) {
        List<Consumer<Captured>> listeners = ctx.get(KEY);
        return listeners != null && !listeners.isEmpty();
    }

    /**
     * Hands the response to the listeners (once), then ends the exchange with it unless it ended already.
     *
     * @param status the HTTP status
     * @param contentType the content type, or null for none
     * @param body the body text
     */
    public static void end(RoutingContext ctx, int status, String contentType, String body) {
        List<Consumer<Captured>> listeners = ctx.remove(KEY);
        if (listeners != null) {
            Captured captured = new Captured(status, contentType, body);
            for (Consumer<Captured> listener : listeners) {
                listener.accept(captured);
            }
        }
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status);
        if (contentType != null) {
            ctx.response().putHeader("Content-Type", contentType);
        }
        ctx.response().end(body);
    }
}
