package io.switchboard.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a digest challenge (RFC 3261 §22.4 with RFC 2617 MD5, {@code qop=auth} when offered):
 * from a {@code WWW-Authenticate}/{@code Proxy-Authenticate} value to the
 * {@code Authorization}/{@code Proxy-Authorization} value.
 */
public final class DigestAnswer {

    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(\"([^\"]*)\"|[^,\\s]+)");

    private DigestAnswer() {
    }

    /**
     * @param challenge the challenge header's value, e.g. {@code Digest realm="x", nonce="y", qop="auth"}
     * @return its parameters, names in lower case
     * @throws IllegalArgumentException if it is not a Digest challenge
     */
    public static Map<String, String> parse(String challenge) {
        String c = challenge.trim();
        int colon = c.indexOf(':');
        if (colon > 0 && colon < 30 && !c.regionMatches(true, 0, "Digest", 0, 6)) {
            c = c.substring(colon + 1).trim();
        }
        if (!c.regionMatches(true, 0, "Digest", 0, 6)) {
            throw new IllegalArgumentException("not a Digest challenge: " + challenge);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(c.substring(6));
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2));
        }
        return params;
    }

    /**
     * @param challenge the challenge's parameters ({@link #parse})
     * @param method the request method, e.g. {@code INVITE}
     * @param uri the Request-URI as sent
     * @param username user
     * @param password password
     * @param cnonce client nonce (used with qop)
     * @return the credentials header value, {@code Digest username="...",realm=...,response="..."}
     * @throws IllegalArgumentException if the algorithm is not MD5 or the challenge lacks a nonce
     */
    public static String answer(Map<String, String> challenge, String method, String uri, String username,
                                String password, String cnonce) {
        String algorithm = challenge.getOrDefault("algorithm", "MD5");
        if (!algorithm.equalsIgnoreCase("MD5")) {
            throw new IllegalArgumentException("digest algorithm not supported: " + algorithm);
        }
        String realm = challenge.getOrDefault("realm", "");
        String nonce = challenge.get("nonce");
        if (nonce == null) {
            throw new IllegalArgumentException("challenge without nonce");
        }
        boolean qopAuth = false;
        String qop = challenge.get("qop");
        if (qop != null) {
            for (String q : qop.split(",")) {
                qopAuth |= q.trim().equalsIgnoreCase("auth");
            }
        }
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String nc = "00000001";
        String response = qopAuth ? md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
        StringBuilder s = new StringBuilder("Digest username=\"").append(username).append("\",realm=\"").append(realm)
                .append("\",nonce=\"").append(nonce).append("\",uri=\"").append(uri).append("\",response=\"")
                .append(response).append("\",algorithm=MD5");
        if (challenge.containsKey("opaque")) {
            s.append(",opaque=\"").append(challenge.get("opaque")).append('"');
        }
        if (qopAuth) {
            s.append(",qop=auth,nc=").append(nc).append(",cnonce=\"").append(cnonce).append('"');
        }
        return s.toString();
    }

    /** @return the lower-case hex MD5 of the UTF-8 text */
    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
