package io.switchboard.sip.probe;

import io.switchboard.sip.stack.ClientHandler;
import io.switchboard.sip.stack.Sender;
import io.switchboard.sip.stack.SipEndpoint;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * Probes every trunk with an out-of-dialog OPTIONS (RFC 3261 §11) every {@code intervalMs}; a final
 * response with an alive code within {@code timeoutMs} is a success, anything else (other code,
 * timeout, transport error, DNS failure) a failure; {@link ProbeHysteresis} turns results into
 * up/down. Every result goes to the sink with its latency. Runs on the edge's context; the first
 * probes go out at once.
 */
public final class OptionsProber {

    private final SipEndpoint endpoint;
    private final Sender sender;
    private final Vertx vertx;
    private final ProbeSettings settings;
    private final Map<String, SipTrunk> trunks = new java.util.LinkedHashMap<>();
    private final Consumer<ProbeResult> sink;
    private final Map<String, ProbeHysteresis> states = new HashMap<>();
    private final Map<String, Long> timers = new HashMap<>();
    private boolean started;
    private java.util.function.BooleanSupplier active = () -> true;

    /**
     * @param endpoint the started stack
     * @param sender sends (a trunk named by host name is resolved off the loop)
     * @param vertx timers (on the edge's context)
     * @param settings the policy
     * @param trunks the trunks to probe
     * @param sink receives every result
     */
    public OptionsProber(SipEndpoint endpoint, Sender sender, Vertx vertx, ProbeSettings settings,
                         Collection<SipTrunk> trunks, Consumer<ProbeResult> sink) {
        this.endpoint = endpoint;
        this.sender = sender;
        this.vertx = vertx;
        this.settings = settings;
        trunks.forEach(t -> this.trunks.put(t.id(), t));
        this.sink = sink;
    }

    /**
     * Scheduled probes run only while {@code active} says so (one prober per trunk in a cluster:
     * only the active sip-edge probes); {@link #probeNow} always runs. Default: always.
     *
     * @param active whether this prober is the active one now
     */
    public void onlyWhen(java.util.function.BooleanSupplier active) {
        this.active = active;
    }

    /** Starts probing every trunk (first probe now, then every interval) while {@link #onlyWhen} holds. */
    public void start() {
        started = true;
        trunks.values().forEach(this::schedule);
    }

    private void schedule(SipTrunk trunk) {
        states.put(trunk.id(), new ProbeHysteresis(settings.downAfter(), settings.upAfter()));
        if (active.getAsBoolean()) {
            probe(trunk);
        }
        timers.put(trunk.id(), vertx.setPeriodic(settings.intervalMs(), id -> {
            if (active.getAsBoolean()) {
                probe(trunk);
            }
        }));
    }

    /**
     * Adds a trunk, or replaces the one of the same id (a trunk changed at run time): its probe
     * state starts afresh and, once started, it is probed now and every interval.
     *
     * @param trunk the trunk
     */
    public void put(SipTrunk trunk) {
        remove(trunk.id());
        trunks.put(trunk.id(), trunk);
        if (started) {
            schedule(trunk);
        }
    }

    /** Stops probing a trunk (deleted at run time) and forgets its state. */
    public void remove(String carrier) {
        trunks.remove(carrier);
        states.remove(carrier);
        Long timer = timers.remove(carrier);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** Stops probing. */
    public void stop() {
        started = false;
        timers.values().forEach(vertx::cancelTimer);
        timers.clear();
    }

    /** @return whether the trunk is up by its probes (true for a trunk not probed) */
    public boolean up(String carrier) {
        ProbeHysteresis h = states.get(carrier);
        return h == null || h.up();
    }

    /**
     * Probes one trunk now, besides its schedule (an operator's or the health-monitor's question);
     * the result counts like any other.
     *
     * @param carrier the trunk's carrier id
     * @param then receives the result too
     * @return false when no such trunk is probed
     */
    public boolean probeNow(String carrier, Consumer<ProbeResult> then) {
        SipTrunk trunk = trunks.get(carrier);
        if (trunk == null) {
            return false;
        }
        probe(trunk, then);
        return true;
    }

    private void probe(SipTrunk trunk) {
        probe(trunk, null);
    }

    private void probe(SipTrunk trunk, Consumer<ProbeResult> then) {
        Probe probe = new Probe(trunk, then);
        Request request;
        try {
            request = options(trunk);
        } catch (Exception e) {
            probe.fail(null, "request: " + e.getMessage());
            return;
        }
        probe.timer = vertx.setTimer(settings.timeoutMs(), id -> probe.timedOut());
        sender.send(Sender.mayBlock(trunk.transport() == SipTransport.UDP, trunk.host()), () -> {
            ClientTransaction ct = endpoint.provider().getNewClientTransaction(request);
            ct.setApplicationData(probe);
            probe.tx = ct;
            ct.sendRequest();
        }, e -> probe.fail(null, (e.getCause() instanceof java.net.UnknownHostException ? "dns: " : "transport: ")
                + e.getMessage()));
    }

    private Request options(SipTrunk trunk) throws Exception {
        var af = endpoint.addresses();
        var hf = endpoint.headers();
        SipURI target = af.createSipURI(null, trunk.host());
        target.setPort(trunk.port());
        if (trunk.transport() != SipTransport.UDP) {
            target.setTransportParam(trunk.transport().wire());
        }
        SipURI self = af.createSipURI("switchboard", endpoint.host());
        Address from = af.createAddress(self);
        Address to = af.createAddress((SipURI) target.clone());
        CallIdHeader callId = endpoint.provider().getNewCallId();
        CSeqHeader cseq = hf.createCSeqHeader(1L, Request.OPTIONS);
        FromHeader fromHeader = hf.createFromHeader(from, UUID.randomUUID().toString().substring(0, 8));
        ToHeader toHeader = hf.createToHeader(to, null);
        int port = endpoint.port(trunk.transport());
        ViaHeader via = hf.createViaHeader(endpoint.host(), port, trunk.transport().wire(),
                "z9hG4bK-sbo" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        MaxForwardsHeader mf = hf.createMaxForwardsHeader(70);
        Request r = endpoint.messages().createRequest(target, Request.OPTIONS, callId, cseq, fromHeader, toHeader,
                new ArrayList<>(List.of(via)), mf);
        SipURI contact = af.createSipURI("switchboard", endpoint.host());
        contact.setPort(port);
        r.addHeader(hf.createContactHeader(af.createAddress(contact)));
        return r;
    }

    /** One probe in flight. */
    private final class Probe implements ClientHandler {
        private final SipTrunk trunk;
        private final Consumer<ProbeResult> then;
        private final long sentNanos = System.nanoTime();
        private volatile ClientTransaction tx;
        private long timer = -1;
        private boolean done;

        Probe(SipTrunk trunk, Consumer<ProbeResult> then) {
            this.trunk = trunk;
            this.then = then;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            int code = event.getResponse().getStatusCode();
            if (code < 200 || done) {
                return;
            }
            long latency = (System.nanoTime() - sentNanos) / 1_000_000;
            if (settings.aliveCodes().contains(code)) {
                finish(true, code, latency, null);
            } else {
                finish(false, code, latency, "code " + code);
            }
        }

        @Override
        public void onTimeout() {
            timedOut();
        }

        void timedOut() {
            if (!done && tx != null) {
                try {
                    tx.terminate();
                } catch (Exception ignored) {
                    // gone already
                }
            }
            fail(null, "timeout");
        }

        void fail(Integer code, String error) {
            finish(false, code, null, error);
        }

        private void finish(boolean alive, Integer code, Long latency, String error) {
            if (done) {
                return;
            }
            done = true;
            vertx.cancelTimer(timer);
            ProbeHysteresis state = states.get(trunk.id());
            if (state == null) {
                return; // the trunk was removed while this probe was out
            }
            boolean changed = state.record(alive);
            ProbeResult result = new ProbeResult(trunk.id(), alive, code, latency, error, state.up(), changed,
                    Instant.now());
            sink.accept(result);
            if (then != null) {
                then.accept(result);
            }
        }
    }
}
