package io.switchboard.sip.proxy;

import java.util.ListIterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.header.Header;
import javax.sip.message.Message;

/**
 * Reads the ITU-T Q.850 cause of a SIP message's Reason header (RFC 3326:
 * {@code Reason: Q.850;cause=17;text="User busy"}).
 */
public final class ReasonCause {

    private static final Pattern Q850 = Pattern.compile("(?i)Q\\.850\\s*;(?:[^,]*;)?\\s*cause\\s*=\\s*(\\d{1,3})");

    private ReasonCause() {
    }

    /**
     * @param message a response (or a BYE/CANCEL)
     * @return the Q.850 cause value 0..127, or null when there is none
     */
    public static Integer q850(Message message) {
        ListIterator<?> it = message.getHeaders("Reason");
        while (it.hasNext()) {
            Integer cause = parse(((Header) it.next()).toString());
            if (cause != null) {
                return cause;
            }
        }
        return null;
    }

    /**
     * @param headerText a Reason header line or value
     * @return the Q.850 cause in it, or null
     */
    public static Integer parse(String headerText) {
        Matcher m = Q850.matcher(headerText);
        if (m.find()) {
            int cause = Integer.parseInt(m.group(1));
            return cause <= 127 ? cause : null;
        }
        return null;
    }
}
