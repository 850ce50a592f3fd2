package io.switchboard.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id of an HTTP exchange: the caller's {@code X-Request-Id} when it is a sane token
 * (1–128 characters of {@code [A-Za-z0-9._:-]}), else a new UUID. It is echoed in the response's
 * {@code X-Request-Id} header and logged with errors.
 */
public final class RequestIds {

    /** The header carrying the request id, both ways. */
    public static final String HEADER = "X-Request-Id";

    private static final String KEY = "switchboard.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** A route handler that assigns the id and sets the response header; mount it first. */
    public static void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /** @return the id assigned by {@link #handle}, or a new one if it did not run */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? UUID.randomUUID().toString() : id;
    }
}
