package io.switchboard.sip.proxy;

import io.switchboard.contract.model.E164;
import io.switchboard.sip.record.SipAttempt;
import io.switchboard.sip.stack.ClientHandler;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.trunk.SipTrunk;
import io.switchboard.sip.trunk.SipTransport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One INVITE being proxied (RFC 3261 §16): its server transaction, its candidates and its serial
 * branches, each a client transaction to one trunk. A branch ends by a final response, the
 * per-attempt timeout, a transport error or, once ringing, the ring timeout; a retryable end moves
 * the call to the next candidate ({@link FailoverRules}); the first 2xx is forwarded and the call is
 * answered; when every candidate failed the best response of the response context is sent
 * ({@link BestResponse}, §16.7). Every branch becomes a {@link SipAttempt}.
 */
final class ProxyCall {

    private final EdgeParts edge;
    private final ServerTransaction serverTx;
    private final Request request;
    private final String callId;
    private final E164 number;
    private final Consumer<ProxyCall> onDone;
    private List<SipTrunk> candidates = List.of();
    private int next;
    private int sequence;
    private Branch current;
    private final List<Integer> codes = new ArrayList<>();
    private final List<Response> upstream = new ArrayList<>();
    private boolean canceled;
    private boolean finished;

    /**
     * @param edge shared parts
     * @param serverTx the caller's transaction
     * @param request the INVITE, own Route entries removed
     * @param callId its Call-ID
     * @param number the called number
     * @param onDone called once when the call got its final response upstream
     */
    ProxyCall(EdgeParts edge, ServerTransaction serverTx, Request request, String callId, E164 number,
              Consumer<ProxyCall> onDone) {
        this.edge = edge;
        this.serverTx = serverTx;
        this.request = request;
        this.callId = callId;
        this.number = number;
        this.onDone = onDone;
    }

    /** One try on one trunk. */
    final class Branch implements ClientHandler {
        final SipTrunk trunk;
        final int seq;
        final String attemptId = UUID.randomUUID().toString();
        final Instant startedAt = Instant.now();
        final long startedNanos = System.nanoTime();
        Request sent;
        volatile ClientTransaction tx;
        long timer = -1;
        boolean got1xx;
        boolean alerted;
        Long pddMs;
        boolean done;
        boolean cancelWanted;
        boolean cancelSent;
        boolean ringTimedOut;
        boolean authTried;
        long cseqOffset;

        Branch(SipTrunk trunk, int seq) {
            this.trunk = trunk;
            this.seq = seq;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            response(this, event.getResponse());
        }

        @Override
        public void onTimeout() {
            attemptTimeout(this);
        }
    }

    /** @param carriers the route plan's carriers, in order */
    void route(List<String> carriers) {
        if (finished) {
            return;
        }
        if (carriers.isEmpty()) {
            finish(404, "No Route");
            return;
        }
        List<SipTrunk> trunks = new ArrayList<>();
        for (String carrier : carriers) {
            SipTrunk t = edge.trunks().get(carrier);
            if (t != null) {
                trunks.add(t);
            }
        }
        candidates = trunks;
        if (candidates.isEmpty()) {
            Logs.LOG.debug("sip-edge: {} no SIP trunk among {}", callId, carriers);
        }
        tryNext();
    }

    /** The router could not be asked. */
    void routingFailed(Throwable error) {
        Logs.warn("route plan for " + callId, error);
        finish(500, "Routing Failed");
    }

    private void tryNext() {
        while (next < candidates.size() && !canceled) {
            SipTrunk trunk = candidates.get(next++);
            if (edge.trunks().isDown(trunk.id())) {
                Logs.LOG.debug("sip-edge: {} skips {} (OPTIONS: down)", callId, trunk.id());
                continue;
            }
            if (!edge.load().tryAcquire(trunk, System.currentTimeMillis())) {
                Logs.LOG.debug("sip-edge: {} skips {} (concurrency or cps limit)", callId, trunk.id());
                continue;
            }
            start(new Branch(trunk, ++sequence));
            return;
        }
        finishFailed();
    }

    private void start(Branch b) {
        current = b;
        try {
            Request fwd = (Request) request.clone();
            fwd.setRequestURI(edge.endpoint().addresses().createURI(b.trunk.uri(b.trunk.userPart(number))));
            for (var header : b.trunk.headers().entrySet()) {
                fwd.setHeader(edge.endpoint().headers().createHeader(header.getKey(), header.getValue()));
            }
            edge.rewriter().decrementMaxForwards(fwd);
            SipTransport transport = MessageRewriter.nextHopTransport(fwd);
            edge.rewriter().addRecordRoute(fwd, transport);
            edge.rewriter().addVia(fwd, transport, edge.loops().branch(request));
            b.sent = fwd;
        } catch (Exception e) {
            transportError(b, e);
            return;
        }
        b.timer = edge.vertx().setTimer(edge.settings().attemptTimeoutMs(), id -> attemptTimeout(b));
        send(b);
    }

    private void send(Branch b) {
        Request fwd = b.sent;
        boolean mayBlock = Sender.mayBlock(b.trunk.transport() == SipTransport.UDP, b.trunk.host());
        edge.sender().send(mayBlock, () -> {
            ClientTransaction ct = edge.endpoint().provider().getNewClientTransaction(fwd);
            ct.setApplicationData(b);
            b.tx = ct;
            ct.sendRequest();
        }, e -> transportError(b, e));
    }

    private void response(Branch b, Response r) {
        int code = r.getStatusCode();
        if (b.done) {
            if (code >= 200 && code < 300) {
                lateAnswer(b, r);
            }
            return;
        }
        if (code < 200) {
            if (!b.got1xx) {
                b.got1xx = true;
                edge.vertx().cancelTimer(b.timer);
                b.timer = edge.vertx().setTimer(edge.settings().ringTimeoutMs(), id -> ringTimeout(b));
            }
            if (code > 100) {
                if (!b.alerted) {
                    b.alerted = true;
                    b.pddMs = (System.nanoTime() - b.startedNanos) / 1_000_000;
                }
                forward(b, r);
            }
            if (b.cancelWanted) {
                sendCancel(b);
            }
            return;
        }
        if ((code == 401 || code == 407) && b.trunk.hasCredentials() && !b.authTried && !canceled) {
            reauthenticate(b, r);
            return;
        }
        end(b);
        if (code >= 300) {
            release(b.tx);
        }
        Integer q850 = ReasonCause.q850(r);
        long pdd = b.pddMs != null ? b.pddMs : (System.nanoTime() - b.startedNanos) / 1_000_000;
        if (code < 300) {
            SipAttempt answered = attempt(b, SipAttempt.Kind.ANSWERED, code, r.getReasonPhrase(), q850, pdd, false,
                    Instant.now());
            FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
            edge.dialogs().put(callId, new DialogTable.Entry(answered, from.getTag(), b.cseqOffset, b.trunk,
                    System.currentTimeMillis()));
            edge.sink().finished(answered);
            forward(b, r);
            done();
            return;
        }
        edge.load().release(b.trunk.id());
        boolean retryable = edge.rules().retryableCode(b.trunk, code);
        SipAttempt.Kind kind = code == 487 ? SipAttempt.Kind.CANCELED : SipAttempt.Kind.REJECTED;
        edge.sink().finished(attempt(b, kind, code, r.getReasonPhrase(), q850, pdd, retryable, null));
        if (b.ringTimedOut && code == 487) {
            codes.add(480);
            upstream.add(null);
        } else {
            codes.add(code);
            try {
                upstream.add(edge.rewriter().upstream(r, b.cseqOffset));
            } catch (Exception e) {
                upstream.add(null);
            }
        }
        if (edge.rules().failOver(retryable, b.alerted, canceled)) {
            tryNext();
        } else {
            finishFailed();
        }
    }

    /** No response at all within the per-attempt timeout (or Timer B fired): RFC 3261 §16.8, a 408. */
    private void attemptTimeout(Branch b) {
        if (b.done || b.got1xx) {
            return;
        }
        giveUp(b, "no response in " + edge.settings().attemptTimeoutMs() + " ms");
    }

    /** A timed-out branch: canceled (after a provisional) or abandoned, then the next candidate. */
    private void giveUp(Branch b, String reason) {
        end(b);
        if (b.got1xx) {
            sendCancel(b);
        } else if (b.tx != null) {
            try {
                b.tx.terminate();
            } catch (Exception ignored) {
                // already gone
            }
        }
        edge.load().release(b.trunk.id());
        edge.sink().finished(attempt(b, SipAttempt.Kind.TIMEOUT, null, reason, null, null, true, null));
        codes.add(408);
        upstream.add(null);
        if (edge.rules().failOver(true, false, canceled)) {
            tryNext();
        } else {
            finishFailed();
        }
    }

    /**
     * No final response within the ring timeout after the first provisional (RFC 3261 §16.8 Timer
     * C's role): a branch that only said 100 Trying is given up like a silent one (next
     * candidate); a ringing branch is canceled and its 487 ends the call with 480 (no failover once
     * alerted).
     */
    private void ringTimeout(Branch b) {
        if (b.done) {
            return;
        }
        if (!b.alerted) {
            giveUp(b, "no final response in " + edge.settings().ringTimeoutMs() + " ms after 100 Trying");
            return;
        }
        b.ringTimedOut = true;
        sendCancel(b);
    }

    /** RFC 3261 §16.9: a transport error counts as a 503 from that branch. */
    private void transportError(Branch b, Exception e) {
        if (b.done) {
            return;
        }
        end(b);
        edge.load().release(b.trunk.id());
        edge.sink().finished(attempt(b, SipAttempt.Kind.TRANSPORT_ERROR, null, "transport error: " + e.getMessage(),
                null, null, true, null));
        codes.add(503);
        upstream.add(null);
        if (edge.rules().failOver(true, false, canceled)) {
            tryNext();
        } else {
            finishFailed();
        }
    }

    /** The caller's CANCEL (RFC 3261 §16.10): cancel the pending branch; its 487 goes upstream. */
    void cancel() {
        if (finished) {
            return;
        }
        canceled = true;
        if (current == null) {
            finish(487, null);
        } else if (current.got1xx) {
            sendCancel(current);
        } else {
            current.cancelWanted = true;
        }
    }

    private void sendCancel(Branch b) {
        if (b.cancelSent || b.tx == null) {
            b.cancelWanted = !b.cancelSent;
            return;
        }
        b.cancelSent = true;
        boolean mayBlock = Sender.mayBlock(b.trunk.transport() == SipTransport.UDP, b.trunk.host());
        edge.sender().send(mayBlock, () -> {
            Request cancel = b.tx.createCancel();
            ClientTransaction ct = edge.endpoint().provider().getNewClientTransaction(cancel);
            ct.sendRequest();
        }, e -> Logs.warn("CANCEL toward " + b.trunk.id() + " not sent", e));
    }

    /** RFC 3261 §22.2: answers the trunk's 401/407 with its credentials, one more INVITE, CSeq + 1. */
    private void reauthenticate(Branch b, Response challenge) {
        b.authTried = true;
        release(b.tx);
        try {
            boolean proxy = challenge.getStatusCode() == 407;
            Header h = challenge.getHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
            Map<String, String> params = DigestAnswer.parse(h.toString());
            Request again = (Request) b.sent.clone();
            again.removeFirst(ViaHeader.NAME);
            edge.rewriter().addVia(again, MessageRewriter.nextHopTransport(again), edge.loops().branch(request));
            CSeqHeader cseq = (CSeqHeader) again.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            String value = DigestAnswer.answer(params, Request.INVITE, again.getRequestURI().toString(),
                    b.trunk.username(), b.trunk.password(), Long.toHexString(System.nanoTime()));
            again.setHeader(edge.endpoint().headers().createHeader(proxy ? "Proxy-Authorization" : "Authorization",
                    value));
            b.cseqOffset++;
            b.sent = again;
            send(b);
        } catch (Exception e) {
            Logs.warn("digest answer toward " + b.trunk.id(), e);
            response(b, challenge);
        }
    }

    private void forward(Branch b, Response r) {
        if (finished) {
            return;
        }
        try {
            edge.respond(serverTx, edge.rewriter().upstream(r, b.cseqOffset));
        } catch (Exception e) {
            Logs.warn("response not forwarded", e);
        }
    }

    /** A 2xx on a branch already given up: 2xx are always forwarded (§16.7 step 5); the caller sorts it out. */
    private void lateAnswer(Branch b, Response r) {
        try {
            Response up = edge.rewriter().upstream(r, b.cseqOffset);
            edge.sender().send(EdgeParts.mayBlock(request), () -> edge.endpoint().provider().sendResponse(up),
                    e -> Logs.warn("late 2xx not forwarded", e));
        } catch (Exception e) {
            Logs.warn("late 2xx not forwarded", e);
        }
    }

    /**
     * Frees a client transaction that got its final non-2xx response (the stack ACKed it already):
     * RFC 3261 Timer D would keep it 32 s over UDP only to re-ACK retransmitted responses, which on
     * trunk links hardly happen and cost tens of thousands of live transactions under load; a
     * retransmitted response now finds no transaction and is dropped.
     */
    private static void release(ClientTransaction tx) {
        if (tx != null) {
            try {
                tx.terminate();
            } catch (Exception ignored) {
                // gone already
            }
        }
    }

    private void end(Branch b) {
        b.done = true;
        edge.vertx().cancelTimer(b.timer);
        if (current == b) {
            current = null;
        }
    }

    private void finishFailed() {
        if (finished) {
            return;
        }
        if (codes.isEmpty()) {
            finish(canceled ? 487 : 503, canceled ? null : "No Trunk Available");
            return;
        }
        if (canceled) {
            int i = codes.indexOf(487);
            if (i >= 0 && upstream.get(i) != null) {
                sendUpstream(upstream.get(i));
            } else {
                finish(487, null);
            }
            return;
        }
        int i = BestResponse.choose(codes);
        int code = codes.get(i);
        Response chosen = upstream.get(i);
        if (chosen != null && code != 503) {
            sendUpstream(chosen);
        } else {
            finish(BestResponse.upstreamCode(code), code == 408 ? "Trunk Timeout" : code == 480 ? "No Answer" : null);
        }
    }

    private void sendUpstream(Response r) {
        edge.respond(serverTx, r);
        done();
    }

    private void finish(int code, String reason) {
        if (finished) {
            return;
        }
        edge.respond(serverTx, edge.localResponse(serverTx.getRequest(), code, reason));
        done();
    }

    private void done() {
        finished = true;
        onDone.accept(this);
    }

    private SipAttempt attempt(Branch b, SipAttempt.Kind kind, Integer code, String reason, Integer q850, Long pdd,
                               boolean retryable, Instant answeredAt) {
        return new SipAttempt(b.attemptId, callId, b.trunk.id(), b.seq, b.startedAt, Instant.now(), kind, code, reason,
                q850, pdd, retryable, answeredAt, null);
    }

    /** @return the caller's Call-ID */
    String callId() {
        return callId;
    }
}
