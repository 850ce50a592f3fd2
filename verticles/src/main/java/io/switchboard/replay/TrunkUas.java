package io.switchboard.replay;

import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIP trunk played in-process for {@code switchboard replay}: a JAIN-SIP user agent server on
 * 127.0.0.1 (UDP) that answers the SIP edge's INVITEs the way the sandbox carriers play their
 * calls ({@code CallScript}): 100 Trying, 180 Ringing, then after the ring time either busy (486),
 * no answer (480), failed (503) by the configured odds, or 200 OK with an SDP answer (RFC 3264,
 * PCMU) and, after a hold time drawn uniformly from the range, a BYE (RFC 3261 §15.1.1). OPTIONS
 * are answered 200, so the edge's prober sees the trunk alive; BYE from the edge is answered 200.
 *
 * <p>{@link #outage(boolean)} switches a full outage on or off: the trunk then ignores every
 * request (no response at all, as a dead host), so INVITEs time out at the edge
 * ({@code sip.attempt-timeout-ms}) and probes fail; calls already answered are not hung up by
 * the trunk (the edge ends them at {@code sip.uac-max-duration-ms}).
 *
 * <p>Threads: JAIN-SIP's own and one scheduler thread for the timed responses. Not for use on an
 * event loop (start and stop block briefly).
 */
public final class TrunkUas implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(TrunkUas.class);
    private static final AtomicInteger STACKS = new AtomicInteger();

    /**
     * How the trunk plays its calls.
     *
     * @param busyPercent share of INVITEs answered 486 after ringing, percent
     * @param noAnswerPercent share answered 480 after ringing, percent
     * @param failedPercent share answered 503 after ringing, percent
     * @param ringMs 180 to final response, ms
     * @param holdMinMs shortest answered call (200 OK to our BYE), ms
     * @param holdMaxMs longest answered call, ms
     */
    public record Behaviour(int busyPercent, int noAnswerPercent, int failedPercent, long ringMs, long holdMinMs,
                            long holdMaxMs) {
    }

    private final String id;
    private final Behaviour behaviour;
    private final ScheduledExecutorService timers;
    private final Random random = new Random();
    private final AtomicLong invites = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private volatile boolean outage;
    private SipStack stack;
    private SipProvider provider;
    private MessageFactory messages;
    private HeaderFactory headers;
    private AddressFactory addresses;
    private int port;

    /**
     * @param id the carrier id it plays (thread and log names)
     * @param behaviour its odds and timing
     */
    public TrunkUas(String id, Behaviour behaviour) {
        this.id = id;
        this.behaviour = behaviour;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trunk-uas-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the stack on 127.0.0.1, UDP, on a port the system picks.
     *
     * @return the port
     * @throws IllegalStateException when the stack cannot start
     */
    public int start() {
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", "replay-uas-" + id + "-" + STACKS.incrementAndGet());
            p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
            p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
            p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
            p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
            p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "2");
            p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "100000");
            p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "100000");
            p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
            stack = factory.createSipStack(p);
            messages = factory.createMessageFactory();
            headers = factory.createHeaderFactory();
            addresses = factory.createAddressFactory();
            int wanted;
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                wanted = probe.getLocalPort();
            }
            ListeningPoint point = stack.createListeningPoint("127.0.0.1", wanted, ListeningPoint.UDP);
            provider = stack.createSipProvider(point);
            provider.addSipListener(this);
            stack.start();
            port = point.getPort();
            LOG.info("replay trunk {}: SIP UAS on udp:127.0.0.1:{}", id, port);
            return port;
        } catch (Exception e) {
            throw new IllegalStateException("trunk " + id + ": SIP UAS did not start: " + e.getMessage(), e);
        }
    }

    /** @return the UDP port it listens on */
    public int port() {
        return port;
    }

    /** @return the carrier id it plays */
    public String id() {
        return id;
    }

    /** @param on full outage (every request ignored) or normal service */
    public void outage(boolean on) {
        outage = on;
        LOG.info("replay trunk {}: outage {}", id, on ? "on (requests ignored)" : "off");
    }

    /** @return INVITEs answered, INVITEs taken (outage excluded), requests ignored during outages */
    public long[] counts() {
        return new long[] {answered.get(), invites.get(), ignored.get()};
    }

    /** Stops the stack and the timer thread. */
    public void stop() {
        timers.shutdownNow();
        if (stack != null) {
            stack.stop();
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        if (outage) {
            ignored.incrementAndGet();
            return;
        }
        Request request = event.getRequest();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> invite(event);
                case Request.ACK -> { }
                case Request.BYE, Request.OPTIONS, Request.CANCEL -> respond(event, 200);
                default -> respond(event, 501);
            }
        } catch (Exception e) {
            LOG.debug("replay trunk {}: {} not answered: {}", id, request.getMethod(), e.getMessage());
        }
    }

    private ServerTransaction transaction(RequestEvent event) throws Exception {
        ServerTransaction st = event.getServerTransaction();
        return st != null ? st : provider.getNewServerTransaction(event.getRequest());
    }

    private void respond(RequestEvent event, int code) throws Exception {
        transaction(event).sendResponse(messages.createResponse(code, event.getRequest()));
    }

    private void invite(RequestEvent event) throws Exception {
        invites.incrementAndGet();
        Request request = event.getRequest();
        ServerTransaction st = transaction(event);
        String tag = Long.toHexString(random.nextLong());
        st.sendResponse(messages.createResponse(Response.TRYING, request));
        Response ringing = messages.createResponse(Response.RINGING, request);
        ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(tag);
        ringing.addHeader(contact());
        st.sendResponse(ringing);
        int draw = ThreadLocalRandom.current().nextInt(100);
        int code;
        if (draw < behaviour.busyPercent()) {
            code = Response.BUSY_HERE;
        } else if (draw < behaviour.busyPercent() + behaviour.noAnswerPercent()) {
            code = Response.TEMPORARILY_UNAVAILABLE;
        } else if (draw < behaviour.busyPercent() + behaviour.noAnswerPercent() + behaviour.failedPercent()) {
            code = Response.SERVICE_UNAVAILABLE;
        } else {
            code = Response.OK;
        }
        timers.schedule(() -> finalResponse(st, request, tag, code), behaviour.ringMs(), TimeUnit.MILLISECONDS);
    }

    private void finalResponse(ServerTransaction st, Request request, String tag, int code) {
        if (outage) {
            return;
        }
        try {
            Response response = messages.createResponse(code, request);
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(tag);
            if (code == Response.OK) {
                response.addHeader(contact());
                String sdp = "v=0\r\no=trunk 1 1 IN IP4 127.0.0.1\r\ns=" + id + "\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                        + "m=audio 41000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
                response.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            }
            st.sendResponse(response);
            if (code == Response.OK) {
                answered.incrementAndGet();
                long hold = behaviour.holdMinMs() + (behaviour.holdMaxMs() > behaviour.holdMinMs()
                        ? ThreadLocalRandom.current().nextLong(behaviour.holdMaxMs() - behaviour.holdMinMs() + 1) : 0);
                Dialog dialog = st.getDialog();
                timers.schedule(() -> bye(dialog), hold, TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            LOG.debug("replay trunk {}: final response {} not sent: {}", id, code, e.getMessage());
        }
    }

    private void bye(Dialog dialog) {
        if (outage || dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = provider.getNewClientTransaction(bye);
            dialog.sendRequest(ct);
        } catch (Exception e) {
            LOG.debug("replay trunk {}: BYE not sent: {}", id, e.getMessage());
        }
    }

    private ContactHeader contact() throws Exception {
        var uri = addresses.createSipURI(id, "127.0.0.1");
        uri.setPort(port);
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // 200 to our BYE: nothing to do
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.debug("replay trunk {}: transaction timed out", id);
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("replay trunk {}: I/O error toward {}:{}", id, event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
