package io.switchboard.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * Via branch parameters with loop detection (RFC 3261 §16.6 step 8 and §16.3 step 4): the branch of
 * every request the edge forwards is {@code z9hG4bK-sb<hash>.<n>}, where the hash covers the
 * received Request-URI, the From and To tags, the Call-ID, the CSeq number and any
 * Proxy-Require/Proxy-Authorization headers. A request arriving with a Via of this edge whose hash
 * equals the one computed for it has looped (482); a different hash is a legitimate spiral. The
 * topmost Via is left out of the hash (as common practice: with it, a loop could never match).
 */
public final class LoopDetector {

    /** Prefix of this edge's branches (the RFC 3261 magic cookie first). */
    public static final String PREFIX = "z9hG4bK-sb";

    private final AtomicLong counter = new AtomicLong(System.nanoTime() & 0xffffffL);

    /**
     * @param received the request as received (before the Request-URI is rewritten)
     * @return a new unique branch for forwarding it
     */
    public String branch(Request received) {
        return PREFIX + hash(received) + "." + Long.toString(counter.incrementAndGet(), 36);
    }

    /**
     * @param seed a stable value of the received request (its own top Via branch)
     * @return a deterministic branch, for stateless forwarding of ACKs (§16.11)
     */
    public static String statelessBranch(String seed) {
        return PREFIX + "a" + digest(seed).substring(0, 16);
    }

    /**
     * @param request a received request
     * @param isOwnVia whether a Via's sent-by is this edge
     * @return whether it has looped through this edge
     */
    public boolean looped(Request request, java.util.function.Predicate<ViaHeader> isOwnVia) {
        String hash = null;
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        while (vias.hasNext()) {
            ViaHeader via = (ViaHeader) vias.next();
            String branch = via.getBranch();
            if (branch != null && branch.startsWith(PREFIX) && isOwnVia.test(via)) {
                if (hash == null) {
                    hash = hash(request);
                }
                int dot = branch.indexOf('.', PREFIX.length());
                if (dot > 0 && branch.substring(PREFIX.length(), dot).equals(hash)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String hash(Request r) {
        StringBuilder s = new StringBuilder(160);
        s.append(r.getRequestURI()).append('|');
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        CallIdHeader callId = (CallIdHeader) r.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        s.append(from == null ? "" : from.getTag()).append('|').append(to == null ? "" : to.getTag()).append('|')
                .append(callId == null ? "" : callId.getCallId()).append('|')
                .append(cseq == null ? 0 : cseq.getSeqNumber());
        for (String name : new String[] {"Proxy-Require", "Proxy-Authorization"}) {
            ListIterator<?> it = r.getHeaders(name);
            while (it.hasNext()) {
                s.append('|').append(((Header) it.next()).toString().trim());
            }
        }
        return digest(s.toString()).substring(0, 16);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
