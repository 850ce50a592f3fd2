package io.switchboard.sip.stack;

import io.vertx.core.WorkerExecutor;
import java.util.function.Consumer;

/**
 * Runs JAIN-SIP send calls without blocking the edge's event loop. A UDP send to an IP literal is a
 * non-blocking datagram write and runs inline; a send that may connect (TCP, TLS) or resolve a host
 * name runs on an ordered single-thread worker, so messages of one edge keep their order.
 * Completion callbacks (errors) come back on the caller's Vert.x context.
 */
public final class Sender {

    /** A JAIN-SIP call that may throw. */
    @FunctionalInterface
    public interface SipAction {
        /** @throws Exception a transport or stack error */
        void run() throws Exception;
    }

    private final WorkerExecutor worker;

    /** @param worker an ordered worker for sends that may block (size 1 keeps order) */
    public Sender(WorkerExecutor worker) {
        this.worker = worker;
    }

    /**
     * @param mayBlock whether the send may connect or resolve (not UDP to an IP literal)
     * @param action the send
     * @param onError called on the caller's context with the error, if the send failed
     */
    public void send(boolean mayBlock, SipAction action, Consumer<Exception> onError) {
        if (!mayBlock || worker == null) {
            try {
                action.run();
            } catch (Exception e) {
                onError.accept(e);
            }
            return;
        }
        worker.<Void>executeBlocking(() -> {
            action.run();
            return null;
        }, true).onFailure(error -> onError.accept(error instanceof Exception e ? e : new Exception(error)));
    }

    /**
     * @param udp whether the destination transport is UDP
     * @param host the destination host
     * @return whether a send there may block
     */
    public static boolean mayBlock(boolean udp, String host) {
        return !udp || !isIpLiteral(host);
    }

    /** @return whether {@code host} is an IPv4 or IPv6 literal (no lookup needed) */
    public static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.indexOf(':') >= 0;
    }
}
