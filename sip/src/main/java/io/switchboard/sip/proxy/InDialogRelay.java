package io.switchboard.sip.proxy;

import io.switchboard.sip.stack.ClientHandler;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.trunk.SipTransport;
import java.time.Instant;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Requests inside a dialog the edge record-routed (RFC 3261 §16.12 loose routing): ACK for a 2xx is
 * forwarded statelessly (§16.11, deterministic branch), every other request (BYE, re-INVITE,
 * UPDATE, INFO...) through a server and a client transaction. A BYE ends the call's record (2xx to
 * BYE duration) and frees its trunk slot. Requests of the caller get the CSeq shift of a dialog
 * whose INVITE the edge re-sent with credentials.
 */
final class InDialogRelay {

    private final EdgeParts edge;

    /** @param edge shared parts */
    InDialogRelay(EdgeParts edge) {
        this.edge = edge;
    }

    /**
     * @param request an in-dialog request (To tag present)
     * @param serverTx its server transaction if the stack made one, else null
     */
    void relay(Request request, ServerTransaction serverTx) {
        RouteHeader top = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (top == null || !edge.rewriter().isOwn(top.getAddress().getURI())) {
            if (!Request.ACK.equals(request.getMethod())) {
                edge.respondStateless(request, 404, "Not Here");
            }
            return;
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        DialogTable.Entry dialog = edge.dialogs().get(callId);
        long offset = 0;
        if (dialog != null) {
            String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
            offset = dialog.callerTag() != null && dialog.callerTag().equals(fromTag) ? dialog.cseqOffset() : 0;
        }
        if (Request.ACK.equals(request.getMethod())) {
            forwardAck(request, offset);
            return;
        }
        ServerTransaction st = serverTx;
        if (st == null) {
            try {
                st = edge.endpoint().provider().getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException retransmission) {
                return;
            } catch (Exception e) {
                Logs.warn("no server transaction for " + request.getMethod(), e);
                return;
            }
        }
        if (Request.BYE.equals(request.getMethod())) {
            DialogTable.Entry ended = edge.dialogs().remove(callId);
            if (ended != null) {
                edge.load().release(ended.trunk().id());
                edge.sink().completed(ended.answered().completed(Instant.now()));
            }
        }
        final ServerTransaction server = st;
        final long shift = offset;
        try {
            Request fwd = prepare(request, shift, edge.loops().branch(request));
            Pending pending = new Pending(server, shift);
            boolean mayBlock = Sender.mayBlock(MessageRewriter.nextHopTransport(fwd) == SipTransport.UDP,
                    MessageRewriter.nextHopHost(fwd));
            edge.sender().send(mayBlock, () -> {
                ClientTransaction ct = edge.endpoint().provider().getNewClientTransaction(fwd);
                ct.setApplicationData(pending);
                ct.sendRequest();
            }, e -> pending.fail(500, "Transport Error"));
        } catch (Exception e) {
            Logs.warn(request.getMethod() + " not relayed", e);
            edge.respond(server, edge.localResponse(request, 500, "Relay Failed"));
        }
    }

    private void forwardAck(Request ack, long offset) {
        try {
            String seed = ((ViaHeader) ack.getHeader(ViaHeader.NAME)).getBranch();
            Request fwd = prepare(ack, offset, LoopDetector.statelessBranch(seed == null ? ack.toString() : seed));
            boolean mayBlock = Sender.mayBlock(MessageRewriter.nextHopTransport(fwd) == SipTransport.UDP,
                    MessageRewriter.nextHopHost(fwd));
            edge.sender().send(mayBlock, () -> edge.endpoint().provider().sendRequest(fwd),
                    e -> Logs.warn("ACK not relayed", e));
        } catch (Exception e) {
            Logs.warn("ACK not relayed", e);
        }
    }

    private Request prepare(Request received, long offset, String branch) throws Exception {
        Request fwd = (Request) received.clone();
        edge.rewriter().removeOwnRoutes(fwd);
        edge.rewriter().decrementMaxForwards(fwd);
        MessageRewriter.shiftCSeq(fwd, offset);
        edge.rewriter().addVia(fwd, MessageRewriter.nextHopTransport(fwd), branch);
        return fwd;
    }

    /** A relayed request waiting for its responses. */
    private final class Pending implements ClientHandler {
        private final ServerTransaction server;
        private final long offset;
        private boolean answered;

        Pending(ServerTransaction server, long offset) {
            this.server = server;
            this.offset = offset;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            Response r = event.getResponse();
            if (r.getStatusCode() == 100 || answered) {
                return;
            }
            answered = r.getStatusCode() >= 200;
            try {
                Response up = edge.rewriter().upstream(r, offset);
                if (!answered || Request.INVITE.equals(server.getRequest().getMethod())) {
                    edge.respond(server, up);
                } else {
                    // a final response to BYE, UPDATE, INFO...: the server transaction is not kept for
                    // RFC 3261 Timer J (32 s over UDP) to absorb retransmissions; a retransmitted
                    // request is relayed again and answered by the far end
                    edge.sender().send(EdgeParts.mayBlock(server.getRequest()), () -> {
                        server.sendResponse(up);
                        server.terminate();
                    }, e -> Logs.warn("in-dialog response not forwarded", e));
                    event.getClientTransaction().terminate();
                }
            } catch (Exception e) {
                Logs.warn("in-dialog response not forwarded", e);
            }
        }

        @Override
        public void onTimeout() {
            fail(408, null);
        }

        void fail(int code, String reason) {
            if (!answered) {
                answered = true;
                edge.respond(server, edge.localResponse(server.getRequest(), code, reason));
            }
        }
    }
}
