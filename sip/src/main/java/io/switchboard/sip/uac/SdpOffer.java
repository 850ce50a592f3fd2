package io.switchboard.sip.uac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SDP offer (RFC 4566, RFC 3264) of an INVITE the edge sends as a UAC: one audio stream at the
 * media address with the trunk's codecs, in order, and RFC 4733 telephone-event when the trunk's
 * DTMF mode is {@code rfc2833}. Payload types: the static ones of RFC 3551 (PCMU 0, PCMA 8,
 * G722 9, G729 18) and dynamic 111 for opus (RFC 7587, {@code opus/48000/2}) and 101 for
 * telephone-event ({@code 0-16}).
 */
public final class SdpOffer {

    private record Codec(int payload, String rtpmap, String fmtp) {
    }

    private static final Map<String, Codec> CODECS = Map.of(
            "PCMU", new Codec(0, "PCMU/8000", null),
            "PCMA", new Codec(8, "PCMA/8000", null),
            "G722", new Codec(9, "G722/8000", null),
            "G729", new Codec(18, "G729/8000", "annexb=no"),
            "opus", new Codec(111, "opus/48000/2", null),
            "telephone-event", new Codec(101, "telephone-event/8000", "0-16"));

    private SdpOffer() {
    }

    /** @return whether {@code name} is a codec this class can offer */
    public static boolean known(String name) {
        return CODECS.containsKey(name);
    }

    /**
     * @param mediaHost the media address (IPv4 or IPv6 literal)
     * @param mediaPort its RTP port
     * @param codecs codec names in preference order (unknown names are skipped)
     * @param dtmfMode {@code rfc2833} adds telephone-event when not listed; other modes remove it
     * @param sessionVersion the {@code o=} session id and version (seconds since the epoch)
     * @return the SDP body, CRLF line ends
     */
    public static String offer(String mediaHost, int mediaPort, List<String> codecs, String dtmfMode, long sessionVersion) {
        List<String> names = new ArrayList<>();
        for (String codec : codecs) {
            if (CODECS.containsKey(codec) && !names.contains(codec)) {
                names.add(codec);
            }
        }
        names.remove("telephone-event");
        if (names.isEmpty()) {
            names.add("PCMU");
            names.add("PCMA");
        }
        if ("rfc2833".equals(dtmfMode)) {
            names.add("telephone-event");
        }
        String ip = mediaHost.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder media = new StringBuilder("m=audio ").append(mediaPort).append(" RTP/AVP");
        StringBuilder attributes = new StringBuilder();
        for (String name : names) {
            Codec c = CODECS.get(name);
            media.append(' ').append(c.payload());
            attributes.append("a=rtpmap:").append(c.payload()).append(' ').append(c.rtpmap()).append("\r\n");
            if (c.fmtp() != null) {
                attributes.append("a=fmtp:").append(c.payload()).append(' ').append(c.fmtp()).append("\r\n");
            }
        }
        return "v=0\r\n"
                + "o=switchboard " + sessionVersion + " 1 IN " + ip + " " + mediaHost + "\r\n"
                + "s=switchboard\r\n"
                + "c=IN " + ip + " " + mediaHost + "\r\n"
                + "t=0 0\r\n"
                + media + "\r\n"
                + attributes
                + "a=sendrecv\r\n";
    }
}
