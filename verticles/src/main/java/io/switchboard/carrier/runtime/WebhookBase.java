package io.switchboard.carrier.runtime;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.contract.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where carriers send webhooks: {@code webhooks.public-url} when configured; otherwise the address
 * an http-api of the cluster answers on {@link Addresses#HTTP_URL}; failing that (no http-api
 * running yet), {@code http://127.0.0.1:<http.port>} with a warning. Only the first two are
 * reachable from a real carrier; the others serve sandbox carriers on the same machine.
 */
public final class WebhookBase {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookBase.class);

    private WebhookBase() {
    }

    /** @return the base URL without a trailing slash, e.g. {@code https://sb.example.com}; never fails */
    public static Future<String> resolve(Vertx vertx, SwitchboardConfig config) {
        String configured = config.webhooks().publicUrl();
        if (!configured.isEmpty()) {
            return Future.succeededFuture(configured);
        }
        return vertx.eventBus().<String>request(Addresses.HTTP_URL, null, new DeliveryOptions().setSendTimeout(5_000))
                .map(m -> m.body())
                .recover(e -> {
                    String fallback = "http://127.0.0.1:" + config.http().port();
                    LOG.warn("webhooks.public-url is empty and no http-api answered ({}); carriers are told {}",
                            e.getMessage(), fallback);
                    return Future.succeededFuture(fallback);
                });
    }
}
