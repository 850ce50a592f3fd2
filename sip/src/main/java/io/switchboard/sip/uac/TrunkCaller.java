package io.switchboard.sip.uac;

import io.switchboard.contract.model.E164;
import io.switchboard.sip.proxy.DigestAnswer;
import io.switchboard.sip.proxy.ReasonCause;
import io.switchboard.sip.stack.ClientHandler;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.stack.SipEndpoint;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Places calls from the edge itself to a SIP trunk (API-originated calls): the edge is the UAC
 * (RFC 3261 §8.1, §13.2). One INVITE per call with an SDP offer (RFC 3264) whose {@code c=}/{@code m=}
 * lines point at the configured media address, the trunk's codecs ({@link SdpOffer}), plus the trunk's extra headers; a 401/407 is answered once with the
 * trunk's digest credentials (§22.2, {@link DigestAnswer}); a 2xx is ACKed (§13.2.2.4); a BYE from
 * the trunk is answered 200 (§15.1.2); {@link Call#hangup} sends a BYE (§15.1.1).
 *
 * <p>The stack runs without JAIN-SIP dialogs, so this class keeps the dialog itself (remote tag,
 * remote target, CSeq). Every method runs on the edge's context: responses and timeouts arrive
 * through the client transaction's {@link ClientHandler}; in-dialog requests through
 * {@link #request}. Sends go through the {@link Sender} (never blocking the event loop).
 */
public final class TrunkCaller {

    /** Progress of one call; called on the edge's context. */
    public interface Listener {
        /**
         * A 18x arrived (only the first one is reported).
         *
         * @param sipCode 180..189
         * @param pddMs post-dial delay: INVITE sent to this response, ms
         */
        void ringing(int sipCode, long pddMs);

        /**
         * The 2xx arrived and was ACKed.
         *
         * @param pddMs INVITE sent to the first 18x, or to the 2xx when no 18x came, ms
         */
        void answered(long pddMs);

        /**
         * The answered call ended.
         *
         * @param byTrunk whether the trunk sent the BYE (else the edge did)
         * @param durationMs 2xx to BYE, ms
         */
        void ended(boolean byTrunk, long durationMs);

        /**
         * The call failed before it was answered.
         *
         * @param failure how
         */
        void failed(Failure failure);
    }

    /** How an unanswered call ended. */
    public enum FailureKind {
        /** A final 3xx–6xx response. */
        REJECTED,
        /** No response within the attempt timeout, or the transaction timed out (Timer B, §17.1.1.2). */
        TIMEOUT,
        /** The INVITE could not be sent or the connection failed. */
        TRANSPORT_ERROR,
        /** Canceled by the edge (hangup before answer, or the maximum duration). */
        CANCELED
    }

    /**
     * @param kind how it failed
     * @param sipCode the final SIP code, or null
     * @param reason the reason phrase or a description
     * @param q850Cause the Q.850 cause of the response's Reason header (RFC 3326), or null
     * @param pddMs INVITE sent to the first 18x or the final response, ms; null when nothing came back
     */
    public record Failure(FailureKind kind, Integer sipCode, String reason, Integer q850Cause, Long pddMs) {
    }

    private final SipEndpoint endpoint;
    private final Sender sender;
    private final Vertx vertx;
    private final String mediaHost;
    private final int mediaPort;
    private final long attemptTimeoutMs;
    private final long maxDurationMs;
    private final Map<String, Call> calls = new HashMap<>();

    /**
     * @param endpoint the started stack (its listener hands responses to transactions' {@link ClientHandler}s
     *     and in-dialog requests to {@link #request})
     * @param sender the sender
     * @param vertx timers, on the edge's context
     * @param mediaHost the IP address put in the SDP's {@code c=} line
     * @param mediaPort the RTP port of the SDP's {@code m=} line
     * @param attemptTimeoutMs a trunk silent this long after the INVITE (no response at all) fails the call, ms
     * @param maxDurationMs a call is canceled or hung up this long after its INVITE at the latest, ms
     */
    public TrunkCaller(SipEndpoint endpoint, Sender sender, Vertx vertx, String mediaHost, int mediaPort,
                       long attemptTimeoutMs, long maxDurationMs) {
        this.endpoint = endpoint;
        this.sender = sender;
        this.vertx = vertx;
        this.mediaHost = mediaHost;
        this.mediaPort = mediaPort;
        this.attemptTimeoutMs = attemptTimeoutMs;
        this.maxDurationMs = maxDurationMs;
    }

    /**
     * Sends the INVITE.
     *
     * @param trunk the trunk
     * @param to the callee (Request-URI user part per the trunk's number format and tech prefix)
     * @param from the caller number, or null for {@code anonymous}
     * @param listener progress
     * @return the call (its Call-ID is known at once)
     */
    public Call call(SipTrunk trunk, E164 to, E164 from, Listener listener) {
        Call call = new Call(trunk, listener, endpoint.provider().getNewCallId().getCallId());
        calls.put(call.callId, call);
        // started on the next turn of the context: the caller holds the call before any callback
        vertx.runOnContext(v -> start(call, to, from));
        return call;
    }

    private void start(Call call, E164 to, E164 from) {
        if (call.done) {
            return;
        }
        try {
            call.invite = call.buildInvite(to, from);
        } catch (Exception e) {
            call.fail(new Failure(FailureKind.TRANSPORT_ERROR, null, "INVITE not built: " + e.getMessage(), null, null));
            return;
        }
        call.sentAt = System.currentTimeMillis();
        call.noResponseTimer = vertx.setTimer(attemptTimeoutMs, id -> {
            if (!call.gotResponse && !call.done) {
                call.fail(new Failure(FailureKind.TIMEOUT, null, "no response in " + attemptTimeoutMs + " ms", null, null));
            }
        });
        call.maxTimer = vertx.setTimer(maxDurationMs, id -> call.hangup());
        call.send(call.invite);
    }

    /**
     * An in-dialog or out-of-dialog request; takes it when its Call-ID is one of this caller's calls:
     * BYE → 200 and the call ends (RFC 3261 §15.1.2); ACK is absorbed; anything else (re-INVITE,
     * INFO...) gets 501, this edge has no media to renegotiate.
     *
     * @param event the request
     * @return whether the request belonged to a call of this caller (and was handled)
     */
    public boolean request(RequestEvent event) {
        Request request = event.getRequest();
        Call call = calls.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
        if (call == null) {
            return false;
        }
        if (Request.ACK.equals(request.getMethod())) {
            return true;
        }
        boolean bye = Request.BYE.equals(request.getMethod());
        sender.send(call.mayBlock(), () -> {
            ServerTransaction st = event.getServerTransaction();
            if (st == null) {
                st = endpoint.provider().getNewServerTransaction(request);
            }
            st.sendResponse(endpoint.messages().createResponse(bye ? 200 : 501, request));
        }, e -> { });
        if (bye && call.answeredAt > 0 && !call.done) {
            call.end(true);
        }
        return true;
    }

    /** @return calls not yet ended */
    public int active() {
        return (int) calls.values().stream().filter(c -> !c.done).count();
    }

    /** One call toward a trunk. */
    public final class Call implements ClientHandler {
        private final SipTrunk trunk;
        private final Listener listener;
        private final String callId;
        private final String localTag = Long.toHexString(Double.doubleToLongBits(Math.random()));
        private Request invite;
        private ClientTransaction inviteTx;
        private long sentAt;
        private long ringingAt;
        private long answeredAt;
        private boolean gotResponse;
        private boolean authTried;
        private boolean done;
        private boolean hangupAsked;
        private long noResponseTimer = -1;
        private long maxTimer = -1;
        private String remoteTag;
        private URI remoteTarget;
        private List<Header> routes = List.of();

        private Call(SipTrunk trunk, Listener listener, String callId) {
            this.trunk = trunk;
            this.listener = listener;
            this.callId = callId;
        }

        /** @return the Call-ID of the INVITE (the carrier call id) */
        public String callId() {
            return callId;
        }

        /**
         * Ends the call: a BYE when answered (RFC 3261 §15.1.1), a CANCEL when a provisional response
         * came (§9.1), otherwise the call just fails as canceled. Does nothing once ended.
         */
        public void hangup() {
            if (done) {
                return;
            }
            hangupAsked = true;
            if (answeredAt > 0) {
                sendBye();
                end(false);
            } else if (gotResponse && inviteTx != null) {
                ClientTransaction tx = inviteTx;
                sender.send(mayBlock(), () -> endpoint.provider().getNewClientTransaction(tx.createCancel()).sendRequest(),
                        e -> { });
            } else {
                fail(new Failure(FailureKind.CANCELED, null, "canceled before any response", null, null));
            }
        }

        private Request buildInvite(E164 to, E164 from) throws Exception {
            HeaderFactory h = endpoint.headers();
            var a = endpoint.addresses();
            String user = trunk.userPart(to);
            URI requestUri = a.createURI(trunk.uri(user));
            String fromUser = from == null ? "anonymous" : from.value();
            SipURI fromUri = a.createSipURI(fromUser, endpoint.host());
            FromHeader fromHeader = h.createFromHeader(a.createAddress(fromUri), localTag);
            ToHeader toHeader = h.createToHeader(a.createAddress(a.createSipURI(user, trunk.host())), null);
            List<ViaHeader> via = new ArrayList<>();
            via.add(via());
            MaxForwardsHeader maxForwards = h.createMaxForwardsHeader(70);
            Request r = endpoint.messages().createRequest(requestUri, Request.INVITE, h.createCallIdHeader(callId),
                    h.createCSeqHeader(1L, Request.INVITE), fromHeader, toHeader, via, maxForwards);
            r.addHeader(contact());
            for (var header : trunk.headers().entrySet()) {
                r.addHeader(h.createHeader(header.getKey(), header.getValue()));
            }
            String sdp = SdpOffer.offer(mediaHost, mediaPort, trunk.codecs(), trunk.dtmfMode(),
                    System.currentTimeMillis() / 1000);
            r.setContent(sdp, h.createContentTypeHeader("application", "sdp"));
            return r;
        }

        private ViaHeader via() throws Exception {
            SipTransport t = trunk.transport();
            return endpoint.headers().createViaHeader(endpoint.host(), endpoint.port(t), t.wire(),
                    "z9hG4bK" + UUID.randomUUID().toString().replace("-", ""));
        }

        private ContactHeader contact() throws Exception {
            SipTransport t = trunk.transport();
            SipURI uri = endpoint.addresses().createSipURI("switchboard", endpoint.host());
            uri.setPort(endpoint.port(t));
            if (t != SipTransport.UDP) {
                uri.setTransportParam(t.wire());
            }
            return endpoint.headers().createContactHeader(endpoint.addresses().createAddress(uri));
        }

        private boolean mayBlock() {
            return Sender.mayBlock(trunk.transport() == SipTransport.UDP, trunk.host());
        }

        private void send(Request request) {
            sender.send(mayBlock(), () -> {
                ClientTransaction ct = endpoint.provider().getNewClientTransaction(request);
                ct.setApplicationData(this);
                inviteTx = ct;
                ct.sendRequest();
            }, e -> {
                if (!done && answeredAt == 0) {
                    fail(new Failure(FailureKind.TRANSPORT_ERROR, null, "INVITE not sent: " + e.getMessage(), null, null));
                }
            });
        }

        @Override
        public void onResponse(ResponseEvent event) {
            Response r = event.getResponse();
            int code = r.getStatusCode();
            if (!Request.INVITE.equals(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod())) {
                return;
            }
            gotResponse = true;
            long now = System.currentTimeMillis();
            if (done) {
                if (code / 100 == 2) {
                    // answered after we gave up (timeout or cancel race): ACK and BYE it
                    learnDialog(r);
                    sendAck(r);
                    sendBye();
                }
                return;
            }
            if (code < 200) {
                if (code >= 180 && ringingAt == 0) {
                    ringingAt = now;
                    listener.ringing(code, now - sentAt);
                }
                return;
            }
            if (code / 100 == 2) {
                learnDialog(r);
                sendAck(r);
                answeredAt = now;
                listener.answered((ringingAt > 0 ? ringingAt : now) - sentAt);
                if (hangupAsked) {
                    sendBye();
                    end(false);
                }
                return;
            }
            if ((code == 401 || code == 407) && !authTried && trunk.hasCredentials()) {
                reauthenticate(r);
                return;
            }
            fail(new Failure(code == 487 && hangupAsked ? FailureKind.CANCELED : FailureKind.REJECTED, code,
                    r.getReasonPhrase(), ReasonCause.q850(r), (ringingAt > 0 ? ringingAt : now) - sentAt));
        }

        @Override
        public void onTimeout() {
            if (!done && answeredAt == 0) {
                fail(new Failure(FailureKind.TIMEOUT, null, "INVITE transaction timed out", null,
                        ringingAt > 0 ? ringingAt - sentAt : null));
            }
        }

        /** RFC 3261 §22.2: the same INVITE with credentials, CSeq + 1, a new branch. */
        private void reauthenticate(Response challenge) {
            authTried = true;
            try {
                boolean proxy = challenge.getStatusCode() == 407;
                Header h = challenge.getHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
                Map<String, String> params = DigestAnswer.parse(h.toString());
                Request again = (Request) invite.clone();
                again.removeFirst(ViaHeader.NAME);
                again.addFirst(via());
                CSeqHeader cseq = (CSeqHeader) again.getHeader(CSeqHeader.NAME);
                cseq.setSeqNumber(cseq.getSeqNumber() + 1);
                again.setHeader(endpoint.headers().createHeader(proxy ? "Proxy-Authorization" : "Authorization",
                        DigestAnswer.answer(params, Request.INVITE, again.getRequestURI().toString(), trunk.username(),
                                trunk.password(), Long.toHexString(System.nanoTime()))));
                invite = again;
                send(again);
            } catch (Exception e) {
                fail(new Failure(FailureKind.REJECTED, challenge.getStatusCode(), challenge.getReasonPhrase(), null,
                        System.currentTimeMillis() - sentAt));
            }
        }

        private void learnDialog(Response r) {
            remoteTag = ((ToHeader) r.getHeader(ToHeader.NAME)).getTag();
            ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
            remoteTarget = contact != null ? contact.getAddress().getURI() : invite.getRequestURI();
            // route set: the 2xx's Record-Route in reverse order (§12.1.2)
            List<Header> rr = new ArrayList<>();
            var it = r.getHeaders("Record-Route");
            while (it.hasNext()) {
                javax.sip.header.RecordRouteHeader h = (javax.sip.header.RecordRouteHeader) it.next();
                try {
                    rr.add(0, endpoint.headers().createRouteHeader((Address) h.getAddress().clone()));
                } catch (Exception ignored) {
                    // skip a bad entry
                }
            }
            routes = rr;
        }

        private Request inDialog(String method, long seq) throws Exception {
            HeaderFactory h = endpoint.headers();
            FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME).clone();
            ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME).clone();
            if (remoteTag != null) {
                to.setTag(remoteTag);
            }
            List<ViaHeader> via = new ArrayList<>();
            via.add(via());
            Request r = endpoint.messages().createRequest((URI) remoteTarget.clone(), method,
                    h.createCallIdHeader(callId), h.createCSeqHeader(seq, method), from, to, via,
                    h.createMaxForwardsHeader(70));
            for (Header route : routes) {
                r.addHeader(route);
            }
            return r;
        }

        /** §13.2.2.4: the ACK of a 2xx is a new transaction, sent statelessly, CSeq number of the INVITE. */
        private void sendAck(Response ok) {
            try {
                Request ack = inDialog(Request.ACK, ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber());
                sender.send(mayBlock(), () -> endpoint.provider().sendRequest(ack), e -> { });
            } catch (Exception e) {
                // the trunk retransmits its 2xx and eventually ends the call
            }
        }

        private void sendBye() {
            try {
                Request bye = inDialog(Request.BYE, ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber() + 1);
                sender.send(mayBlock(), () -> {
                    ClientTransaction ct = endpoint.provider().getNewClientTransaction(bye);
                    ct.setApplicationData(new ClientHandler() {
                        @Override
                        public void onResponse(ResponseEvent event) {
                        }

                        @Override
                        public void onTimeout() {
                        }
                    });
                    ct.sendRequest();
                }, e -> { });
            } catch (Exception e) {
                // nothing more to do: the call is forgotten
            }
        }

        private void end(boolean byTrunk) {
            finish();
            listener.ended(byTrunk, Math.max(0, System.currentTimeMillis() - answeredAt));
        }

        private void fail(Failure failure) {
            finish();
            listener.failed(failure);
        }

        private void finish() {
            done = true;
            vertx.cancelTimer(noResponseTimer);
            vertx.cancelTimer(maxTimer);
            // keep the Call-ID a while for late responses and retransmitted BYEs
            vertx.setTimer(32_000, id -> calls.remove(callId));
        }
    }

}
