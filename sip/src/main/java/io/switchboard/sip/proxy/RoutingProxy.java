package io.switchboard.sip.proxy;

import io.switchboard.contract.model.E164;
import io.switchboard.sip.protect.FloodGuard;
import io.switchboard.sip.protect.TrunkLoad;
import io.switchboard.sip.record.AttemptSink;
import io.switchboard.sip.stack.ClientHandler;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.stack.SipEndpoint;
import io.switchboard.sip.stack.SipEvents;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.ListIterator;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The stateful, record-routing routing proxy (RFC 3261 §16) of the sip-edge: it classifies every
 * request and response the stack hands over and keeps the calls in progress.
 *
 * <ul>
 *   <li>New INVITE: §16.3 validation (Max-Forwards 0 → 483, loop → 482, Proxy-Require → 420), the
 *   ACL (403), the Request-URI's number (E.164 with or without {@code +}, or {@code 00}; otherwise
 *   484), 100 Trying, then the route plan's candidates in a {@link ProxyCall}.</li>
 *   <li>CANCEL (§16.10): 200, then the pending branch is canceled; unknown → 481.</li>
 *   <li>In-dialog requests (To tag): {@link InDialogRelay}; allowed from the ACL or a trunk's sources.</li>
 *   <li>OPTIONS out of dialog: 200 (keep-alive of the PBX); other methods: 405.</li>
 *   <li>Responses: to the transaction's {@link ClientHandler}; a 2xx without transaction (a
 *   retransmission) is forwarded statelessly (§16.7 step 5); anything else is dropped.</li>
 * </ul>
 *
 * <p>Every method but {@link #admit} runs on the edge's context.
 */
public final class RoutingProxy implements SipEvents {

    private final EdgeParts edge;
    private final RoutePlanner planner;
    private final FloodGuard flood;
    private final InDialogRelay relay;
    private final Map<String, ProxyCall> calls = new HashMap<>();
    private java.util.function.Predicate<RequestEvent> localCalls = e -> false;

    /**
     * @param endpoint the started stack (its listener must hand events to this proxy)
     * @param sender the sender
     * @param vertx timers, on the edge's context
     * @param settings policy
     * @param trunks known trunks
     * @param load trunk limits
     * @param planner route plans
     * @param flood flood guard
     * @param sink where attempts go
     */
    public RoutingProxy(SipEndpoint endpoint, Sender sender, Vertx vertx, ProxySettings settings,
                        TrunkDirectory trunks, TrunkLoad load, RoutePlanner planner, FloodGuard flood,
                        AttemptSink sink) {
        this.edge = new EdgeParts(endpoint, sender, vertx, settings,
                new FailoverRules(settings.retrySipCodes(), settings.failoverAfterProvisional()), trunks, load,
                new DialogTable(), new MessageRewriter(endpoint), new LoopDetector(), sink);
        this.planner = planner;
        this.flood = flood;
        this.relay = new InDialogRelay(edge);
    }

    /**
     * Sets who takes requests of the edge's own UAC calls (e.g. a trunk's BYE for
     * {@link io.switchboard.sip.uac.TrunkCaller#request}); asked first for every request.
     *
     * @param handler returns true when it took the request
     */
    public void localCalls(java.util.function.Predicate<RequestEvent> handler) {
        this.localCalls = handler;
    }

    /**
     * The flood check, on the stack's receiving thread (thread-safe).
     *
     * @param event a received request
     * @return whether to process it; false drops it silently
     */
    public boolean admit(RequestEvent event) {
        return flood.admit(source(event.getRequest()), System.currentTimeMillis());
    }

    @Override
    public void request(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        InetAddress source = source(request);
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (inDialog && localCalls.test(event)) {
            return;
        }
        if (Request.CANCEL.equals(method)) {
            cancel(event);
        } else if (inDialog) {
            if (edge.settings().acl().allows(source) || edge.trunks().isTrunkSource(source)) {
                relay.relay(request, event.getServerTransaction());
            } else if (!Request.ACK.equals(method)) {
                edge.respondStateless(request, 403, "Forbidden");
            }
        } else if (Request.ACK.equals(method)) {
            // an ACK out of any transaction or dialog: nothing to do (RFC 3261 §16.11)
        } else if (!edge.settings().acl().allows(source)) {
            edge.respondStateless(request, 403, "Forbidden");
        } else if (Request.INVITE.equals(method)) {
            invite(event);
        } else if (Request.OPTIONS.equals(method)) {
            edge.respondStateless(request, 200, null);
        } else {
            Response r = edge.localResponse(request, 405, null);
            try {
                for (String allowed : new String[] {Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
                        Request.OPTIONS}) {
                    r.addHeader(edge.endpoint().headers().createAllowHeader(allowed));
                }
            } catch (Exception ignored) {
                // the 405 goes without Allow
            }
            edge.sender().send(EdgeParts.mayBlock(request), () -> edge.endpoint().provider().sendResponse(r),
                    e -> Logs.warn("405 not sent", e));
        }
    }

    private void invite(RequestEvent event) {
        Request request = event.getRequest();
        int maxForwards = MessageRewriter.maxForwards(request);
        if (maxForwards == 0) {
            edge.respondStateless(request, 483, "Too Many Hops");
            return;
        }
        if (edge.loops().looped(request, edge.rewriter()::isOwnVia)) {
            edge.respondStateless(request, 482, "Loop Detected");
            return;
        }
        ListIterator<?> required = request.getHeaders("Proxy-Require");
        if (required.hasNext()) {
            Response r = edge.localResponse(request, 420, null);
            StringBuilder unsupported = new StringBuilder();
            while (required.hasNext()) {
                String h = ((Header) required.next()).toString();
                unsupported.append(unsupported.length() == 0 ? "" : ", ").append(h.substring(h.indexOf(':') + 1).trim());
            }
            try {
                r.setHeader(edge.endpoint().headers().createHeader("Unsupported", unsupported.toString()));
            } catch (Exception ignored) {
                // the 420 goes without Unsupported
            }
            edge.sender().send(EdgeParts.mayBlock(request), () -> edge.endpoint().provider().sendResponse(r),
                    e -> Logs.warn("420 not sent", e));
            return;
        }
        ServerTransaction st = event.getServerTransaction();
        if (st == null) {
            try {
                st = edge.endpoint().provider().getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException retransmission) {
                return;
            } catch (Exception e) {
                Logs.warn("no server transaction for INVITE", e);
                return;
            }
        }
        edge.respond(st, edge.localResponse(request, 100, null));
        E164 number = number(request.getRequestURI());
        if (number == null) {
            edge.respond(st, edge.localResponse(request, 484, "Address Incomplete"));
            return;
        }
        Request routed = (Request) request.clone();
        edge.rewriter().removeOwnRoutes(routed);
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String key = key(request);
        ProxyCall call = new ProxyCall(edge, st, routed, callId, number, c -> calls.remove(key));
        calls.put(key, call);
        planner.carriers(number, callId).onComplete(ar -> {
            if (ar.succeeded()) {
                call.route(ar.result());
            } else {
                call.routingFailed(ar.cause());
            }
        });
    }

    private void cancel(RequestEvent event) {
        Request cancel = event.getRequest();
        ProxyCall call = calls.get(key(cancel));
        ServerTransaction st = event.getServerTransaction();
        if (st == null) {
            try {
                st = edge.endpoint().provider().getNewServerTransaction(cancel);
            } catch (TransactionAlreadyExistsException retransmission) {
                return;
            } catch (Exception e) {
                edge.respondStateless(cancel, call == null ? 481 : 200, null);
                if (call != null) {
                    call.cancel();
                }
                return;
            }
        }
        edge.respond(st, edge.localResponse(cancel, call == null ? 481 : 200, null));
        if (call != null) {
            call.cancel();
        }
    }

    @Override
    public void response(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null) {
            if (ct.getApplicationData() instanceof ClientHandler handler) {
                handler.onResponse(event);
            }
            return;
        }
        Response r = event.getResponse();
        ViaHeader top = (ViaHeader) r.getHeader(ViaHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        if (r.getStatusCode() / 100 != 2 || top == null || !edge.rewriter().isOwnVia(top)
                || !Request.INVITE.equals(cseq.getMethod()) || r.getHeader(ViaHeader.NAME) == null) {
            return;
        }
        try {
            String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
            DialogTable.Entry dialog = edge.dialogs().get(callId);
            Response up = edge.rewriter().upstream(r, dialog == null ? 0 : dialog.cseqOffset());
            if (up.getHeader(ViaHeader.NAME) != null) {
                edge.sender().send(EdgeParts.mayBlock(up), () -> edge.endpoint().provider().sendResponse(up),
                        e -> Logs.warn("2xx retransmission not forwarded", e));
            }
        } catch (Exception e) {
            Logs.warn("2xx retransmission not forwarded", e);
        }
    }

    @Override
    public void timeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() != null
                && event.getClientTransaction().getApplicationData() instanceof ClientHandler handler) {
            handler.onTimeout();
        }
    }

    /**
     * Forgets answered calls whose BYE never came through (their trunk slot is freed).
     *
     * @param maxAgeMs calls answered longer ago than this are forgotten, ms
     */
    public void expireDialogs(long maxAgeMs) {
        edge.dialogs().expire(System.currentTimeMillis() - maxAgeMs, e -> edge.load().release(e.trunk().id()));
    }

    /** @return calls being set up (INVITE without final response yet) */
    public int callsInSetup() {
        return calls.size();
    }

    /** @return answered calls in progress */
    public int callsAnswered() {
        return edge.dialogs().size();
    }

    /** The called number of a Request-URI: its user part (SIP) or number (tel), as E.164. */
    static E164 number(URI uri) {
        String user;
        if (uri instanceof SipURI sip) {
            user = sip.getUser();
        } else if (uri instanceof TelURL tel) {
            user = (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        } else {
            return null;
        }
        if (user == null) {
            return null;
        }
        int semi = user.indexOf(';');
        String digits = (semi >= 0 ? user.substring(0, semi) : user).replaceAll("[\\s().-]", "");
        if (!digits.startsWith("+") && !digits.startsWith("00")) {
            digits = "+" + digits;
        }
        try {
            return E164.parse("request-uri", digits);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String key(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId() + '|'
                + ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber() + '|'
                + ((ViaHeader) r.getHeader(ViaHeader.NAME)).getBranch();
    }

    private static InetAddress source(Request request) {
        return request instanceof gov.nist.javax.sip.message.SIPMessage m ? m.getRemoteAddress() : null;
    }
}
