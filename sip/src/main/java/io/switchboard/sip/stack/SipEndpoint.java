package io.switchboard.sip.stack;

import io.switchboard.sip.trunk.SipTransport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * The JAIN-SIP stack of one edge: one {@code SipStack} (NIST RI, path {@code gov.nist}) with a UDP,
 * a TCP and, when a keystore is configured, a TLS listening point, all on one {@code SipProvider}.
 * The stack runs without automatic dialog support: the edge is a transaction-stateful proxy (RFC
 * 3261 §16) and keeps its own dialog table.
 *
 * <p>{@link #start} and {@link #stop} block briefly (socket binds, thread joins): call them from a
 * worker thread or at deployment, not from a busy event loop.
 */
public final class SipEndpoint {

    private static final AtomicInteger STACKS = new AtomicInteger();

    /** Largest SIP message accepted, bytes (UDP datagrams and TCP messages alike). */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024;

    private final EndpointSettings settings;
    private final Map<SipTransport, Integer> ports = new EnumMap<>(SipTransport.class);
    private SipStack stack;
    private String stackName;
    private SipProvider provider;
    private AddressFactory addressFactory;
    private HeaderFactory headerFactory;
    private MessageFactory messageFactory;

    /** @param settings where to listen */
    public SipEndpoint(EndpointSettings settings) {
        this.settings = settings;
    }

    /**
     * Creates the stack, binds the listening points and registers the listener.
     *
     * @param listener receives every event (use a {@link ContextListener})
     * @throws IllegalStateException if a port cannot be bound or the stack refuses the settings
     */
    public void start(SipListener listener) {
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            addressFactory = factory.createAddressFactory();
            headerFactory = factory.createHeaderFactory();
            messageFactory = factory.createMessageFactory();
            Properties properties = properties();
            stackName = properties.getProperty("javax.sip.STACK_NAME");
            if (listener instanceof ContextListener handoff) {
                StrayResponseValve.HANDLERS.put(stackName, handoff::stray);
            }
            stack = factory.createSipStack(properties);
            int udp = settings.udpPort() == 0 ? freePort(settings.tcpPort() >= 0) : settings.udpPort();
            int tcp = settings.tcpPort() == 0 ? (settings.udpPort() >= 0 ? udp : freePort(false)) : settings.tcpPort();
            ListeningPoint first = null;
            if (settings.udpPort() >= 0) {
                first = stack.createListeningPoint(settings.host(), udp, ListeningPoint.UDP);
                ports.put(SipTransport.UDP, first.getPort());
            }
            ListeningPoint tcpPoint = null;
            if (settings.tcpPort() >= 0) {
                tcpPoint = stack.createListeningPoint(settings.host(), tcp, ListeningPoint.TCP);
                ports.put(SipTransport.TCP, tcpPoint.getPort());
            }
            ListeningPoint tlsPoint = null;
            if (settings.tls()) {
                int tls = settings.tlsPort() == 0 ? freePort(false) : settings.tlsPort();
                tlsPoint = stack.createListeningPoint(settings.host(), tls, ListeningPoint.TLS);
                ports.put(SipTransport.TLS, tlsPoint.getPort());
            }
            ListeningPoint base = first != null ? first : tcpPoint != null ? tcpPoint : tlsPoint;
            if (base == null) {
                throw new IllegalStateException("no SIP transport enabled");
            }
            provider = stack.createSipProvider(base);
            for (ListeningPoint extra : new ListeningPoint[] {tcpPoint, tlsPoint}) {
                if (extra != null && extra != base) {
                    provider.addListeningPoint(extra);
                }
            }
            provider.addSipListener(listener);
            stack.start();
        } catch (IllegalStateException e) {
            stop();
            throw e;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("SIP stack on " + settings + ": " + e.getMessage(), e);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "switchboard-sip-" + STACKS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(Math.max(1, settings.receiveThreads())));
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "200000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "200000");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(settings.udpBufferBytes()));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", String.valueOf(settings.udpBufferBytes()));
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", "gov.nist.javax.sip.stack.NioMessageProcessorFactory");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", StrayResponseValve.class.getName());
        // the RI allocates one buffer of this size per received datagram (64 KB by default)
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(MAX_MESSAGE_BYTES));
        // drop the parsed messages of completed transactions early (less live heap under load)
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        if (settings.tls()) {
            p.setProperty("javax.net.ssl.keyStore", settings.tlsKeystore());
            p.setProperty("javax.net.ssl.keyStorePassword", settings.tlsKeystorePassword());
            p.setProperty("javax.net.ssl.trustStore", settings.tlsKeystore());
            p.setProperty("javax.net.ssl.trustStorePassword", settings.tlsKeystorePassword());
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        }
        return p;
    }

    /** A port free for UDP and, when asked, for TCP too, on the bind address. */
    private int freePort(boolean alsoTcp) throws IOException {
        InetAddress address = InetAddress.getByName(settings.host());
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
                int port = udp.getLocalPort();
                if (!alsoTcp) {
                    return port;
                }
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.bind(new InetSocketAddress(address, port));
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port on " + settings.host());
    }

    /** Stops the stack and releases its ports; safe to call twice. */
    public void stop() {
        if (stackName != null) {
            StrayResponseValve.HANDLERS.remove(stackName);
        }
        if (stack != null) {
            try {
                if (provider != null) {
                    stack.deleteSipProvider(provider);
                }
            } catch (Exception ignored) {
                // stopping anyway
            }
            stack.stop();
            stack = null;
            provider = null;
        }
    }

    /** @return the provider every message is sent through */
    public SipProvider provider() {
        return provider;
    }

    /** @return JAIN-SIP's address factory */
    public AddressFactory addresses() {
        return addressFactory;
    }

    /** @return JAIN-SIP's header factory */
    public HeaderFactory headers() {
        return headerFactory;
    }

    /** @return JAIN-SIP's message factory */
    public MessageFactory messages() {
        return messageFactory;
    }

    /** @return the bound address (as configured) */
    public String host() {
        return settings.host();
    }

    /**
     * @param transport a transport
     * @return the bound port of that transport, or -1 when it is not enabled
     */
    public int port(SipTransport transport) {
        return ports.getOrDefault(transport, -1);
    }

    /** @return whether {@code port} is one of this edge's ports */
    public boolean ownsPort(int port) {
        return ports.containsValue(port);
    }
}
