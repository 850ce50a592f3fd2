package io.switchboard.api;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.WebhookAnswer;
import io.switchboard.contract.bus.WebhookDelivery;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.http.ErrorResponses;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carrier webhook ingress: {@code POST|GET /v1/webhooks/{carrier}/{...}}. The request is handed
 * unchanged (method, the URL the carrier requested, headers, raw body) to that carrier's adapter,
 * which verifies the signature and answers; this class only relays. Answers: the adapter's (200,
 * with call-control instructions where the provider expects them), 401 TEL-008 for a webhook
 * without valid credentials, 403 TEL-005 for a signature that does not match or a replay, 400
 * TEL-011 for an unreadable body, 404 TEL-013 for a carrier no node has an adapter for.
 */
final class WebhooksApi {

    private static final String PREFIX = "/v1/webhooks/";
    private static final DeliveryOptions TIMEOUT = new DeliveryOptions().setSendTimeout(5_000);

    private final EventBus bus;
    private final String publicUrl;

    /**
     * @param bus the event bus
     * @param publicUrl {@code webhooks.public-url}, or empty to rebuild the URL from the request's
     *     scheme and Host header
     */
    WebhooksApi(EventBus bus, String publicUrl) {
        this.bus = bus;
        this.publicUrl = publicUrl;
    }

    void mount(Router router) {
        router.route(PREFIX + ":carrier").handler(this::relay);
        router.route(PREFIX + ":carrier/*").handler(this::relay);
    }

    private void relay(RoutingContext ctx) {
        String carrier = ctx.pathParam("carrier");
        String uri = ctx.request().uri();
        String rawPath = ctx.request().path();
        String path = rawPath.substring(Math.min(rawPath.length(), PREFIX.length() + carrier.length()));
        String base = publicUrl.isEmpty() ? ctx.request().scheme() + "://" + ctx.request().authority() : publicUrl;
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String remote = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        WebhookDelivery delivery = new WebhookDelivery(carrier, ctx.request().method().name(), base + uri, path,
                headers, body, remote);
        bus.<WebhookAnswer>request(Addresses.carrierWebhook(carrier), delivery, TIMEOUT).onComplete(reply -> {
            if (reply.failed()) {
                if (reply.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS) {
                    ErrorResponses.send(ctx, ErrorCode.TEL_013, 404, "no carrier '" + carrier
                            + "' with an adapter in this cluster", Map.of("carrier", carrier));
                } else {
                    ApiResponses.error(ctx, reply.cause(), Addresses.carrierWebhook(carrier));
                }
                return;
            }
            WebhookAnswer answer = reply.result().body();
            switch (answer.status()) {
                case 401 -> ErrorResponses.send(ctx, ErrorCode.TEL_008, 401,
                        "webhook without valid credentials or signature", Map.of("carrier", carrier));
                case 403 -> ErrorResponses.send(ctx, ErrorCode.TEL_005, 403,
                        "webhook signature does not match, or the webhook is a replay", Map.of("carrier", carrier));
                case 400 -> ErrorResponses.send(ctx, ErrorCode.TEL_011, 400, "webhook body cannot be read",
                        Map.of("carrier", carrier));
                default -> {
                    var response = ctx.response().setStatusCode(answer.status());
                    if (answer.body() == null) {
                        response.end();
                    } else {
                        response.putHeader("Content-Type", answer.contentType()).end(answer.body());
                    }
                }
            }
        });
    }
}
