package io.switchboard.sip.proxy;

import io.switchboard.sip.protect.TrunkLoad;
import io.switchboard.sip.record.AttemptSink;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.stack.SipEndpoint;
import io.vertx.core.Vertx;
import javax.sip.ServerTransaction;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;

/**
 * What the proxy's classes share: the stack, the sender, timers (Vert.x, on the edge's context),
 * the policy, the trunks and their load, the dialog table and the attempt sink. Confined to the
 * edge's context.
 *
 * @param endpoint the stack
 * @param sender runs sends without blocking the loop
 * @param vertx timers
 * @param settings the policy
 * @param rules failover decisions
 * @param trunks the trunks
 * @param load trunk limits
 * @param dialogs answered calls
 * @param rewriter header work
 * @param loops branch ids and loop detection
 * @param sink where attempts go
 */
record EdgeParts(SipEndpoint endpoint, Sender sender, Vertx vertx, ProxySettings settings, FailoverRules rules,
                 TrunkDirectory trunks, TrunkLoad load, DialogTable dialogs, MessageRewriter rewriter,
                 LoopDetector loops, AttemptSink sink) {

    /** @return whether a message arrived over (or is sent over) a transport that may block on send */
    static boolean mayBlock(Message received) {
        ViaHeader via = (ViaHeader) received.getHeader(ViaHeader.NAME);
        return via != null && !"UDP".equalsIgnoreCase(via.getTransport());
    }

    /** Sends a response on a server transaction through the sender; errors are logged by the caller's default. */
    void respond(ServerTransaction st, Response response) {
        sender.send(mayBlock(st.getRequest()), () -> st.sendResponse(response), e -> Logs.warn("response not sent", e));
    }

    /**
     * @param request the request answered
     * @param code the code
     * @param reason a reason phrase, or null for the standard one
     * @return a local response with a To tag (RFC 3261 §8.2.6.2)
     */
    Response localResponse(Request request, int code, String reason) {
        try {
            Response r = endpoint.messages().createResponse(code, request);
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
            if (code > 100 && to != null && to.getTag() == null) {
                to.setTag("sb" + Long.toHexString(System.nanoTime()));
            }
            return r;
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers a request without a transaction (RFC 3261 §16.3: rejections before any state). */
    void respondStateless(Request request, int code, String reason) {
        Response r = localResponse(request, code, reason);
        sender.send(mayBlock(request), () -> endpoint.provider().sendResponse(r), e -> Logs.warn("response not sent", e));
    }
}
