package io.switchboard.sip.proxy;

import io.switchboard.sip.stack.SipEndpoint;
import io.switchboard.sip.trunk.SipTransport;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The header work of a proxy on the messages it forwards (RFC 3261 §16.4 route pre-processing,
 * §16.6 request forwarding steps 3–8, §16.7 step 3 response Via removal).
 */
public final class MessageRewriter {

    /** Max-Forwards put on requests that have none (RFC 3261 §8.1.1.6). */
    public static final int DEFAULT_MAX_FORWARDS = 70;

    private final SipEndpoint endpoint;

    /** @param endpoint the edge's stack (address, ports, factories) */
    public MessageRewriter(SipEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** @return whether the URI designates this edge (host and one of its ports; no port = 5060) */
    public boolean isOwn(URI uri) {
        if (!(uri instanceof SipURI sip)) {
            return false;
        }
        int port = sip.getPort() <= 0 ? 5060 : sip.getPort();
        return endpoint.host().equalsIgnoreCase(sip.getHost()) && endpoint.ownsPort(port);
    }

    /** @return whether the Via's sent-by is this edge */
    public boolean isOwnVia(ViaHeader via) {
        int port = via.getPort() <= 0 ? 5060 : via.getPort();
        return endpoint.host().equalsIgnoreCase(via.getHost()) && endpoint.ownsPort(port);
    }

    /** §16.4: removes the Route entries at the top that designate this edge. */
    public void removeOwnRoutes(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        while (route != null && isOwn(route.getAddress().getURI())) {
            request.removeFirst(RouteHeader.NAME);
            route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        }
    }

    /**
     * §16.3 step 3 and §16.6 step 3: reads Max-Forwards.
     *
     * @return the value, or -1 when the header is absent
     */
    public static int maxForwards(Request request) {
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        return mf == null ? -1 : mf.getMaxForwards();
    }

    /** §16.6 step 3: decrements Max-Forwards, or adds it with 70 when absent. */
    public void decrementMaxForwards(Request request) throws InvalidArgumentException {
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf == null) {
            request.setHeader(endpoint.headers().createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
        } else {
            mf.setMaxForwards(Math.max(0, mf.getMaxForwards() - 1));
        }
    }

    /** §16.6 step 8: adds this edge's Via on top, for {@code transport}, with {@code branch}. */
    public void addVia(Request request, SipTransport transport, String branch) throws ParseException, javax.sip.SipException,
            InvalidArgumentException {
        int port = endpoint.port(transport);
        if (port < 0) {
            throw new ParseException("transport " + transport.wire() + " is not enabled on this edge", 0);
        }
        ViaHeader via = endpoint.headers().createViaHeader(endpoint.host(), port, transport.wire(), branch);
        via.setRPort();
        request.addFirst(via);
    }

    /**
     * §16.6 step 4: adds a Record-Route to this edge (loose routing, {@code lr}) reachable over
     * {@code transport} (one entry, the next hop's transport: double record-routing of RFC 5658 is
     * not done).
     */
    public void addRecordRoute(Request request, SipTransport transport) throws ParseException, javax.sip.SipException {
        SipURI uri = endpoint.addresses().createSipURI(null, endpoint.host());
        int port = endpoint.port(transport);
        uri.setPort(port > 0 ? port : endpoint.port(SipTransport.UDP));
        uri.setLrParam();
        if (transport != SipTransport.UDP) {
            uri.setTransportParam(transport.wire());
        }
        Address address = endpoint.addresses().createAddress(uri);
        RecordRouteHeader rr = endpoint.headers().createRecordRouteHeader(address);
        request.addFirst(rr);
    }

    /**
     * @param request a request about to be forwarded (own Routes already removed)
     * @return the transport of its next hop: the first Route's, else the Request-URI's
     *     {@code transport} parameter; UDP when none
     */
    public static SipTransport nextHopTransport(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI target = route != null ? route.getAddress().getURI() : request.getRequestURI();
        if (target instanceof SipURI sip) {
            if (sip.isSecure()) {
                return SipTransport.TLS;
            }
            String t = sip.getTransportParam();
            if (t != null) {
                try {
                    return SipTransport.parse(t);
                } catch (IllegalArgumentException ignored) {
                    return SipTransport.UDP;
                }
            }
        }
        return SipTransport.UDP;
    }

    /** @return the host of the request's next hop (first Route, else Request-URI), or "" */
    public static String nextHopHost(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI target = route != null ? route.getAddress().getURI() : request.getRequestURI();
        return target instanceof SipURI sip ? sip.getHost() : "";
    }

    /**
     * Adds {@code delta} to the CSeq number (a proxy that answered a digest challenge itself sent
     * one more INVITE than the caller, so the caller's in-dialog requests are shifted by it).
     */
    public static void shiftCSeq(javax.sip.message.Message message, long delta) throws InvalidArgumentException {
        if (delta != 0) {
            CSeqHeader cseq = (CSeqHeader) message.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + delta);
        }
    }

    /**
     * §16.7 step 3: a copy of a downstream response ready to go upstream: this edge's Via removed,
     * the CSeq shifted back by {@code cseqOffset}.
     */
    public Response upstream(Response response, long cseqOffset) throws InvalidArgumentException {
        Response copy = (Response) response.clone();
        copy.removeFirst(ViaHeader.NAME);
        shiftCSeq(copy, -cseqOffset);
        return copy;
    }
}
