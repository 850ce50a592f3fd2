package io.switchboard.sip.proxy;

import io.switchboard.sip.record.SipAttempt;
import io.switchboard.sip.trunk.SipTrunk;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The answered calls going through the edge, by Call-ID: what the edge needs to follow their
 * in-dialog requests (CSeq shift after a digest challenge), to time them (2xx to BYE) and to free
 * their trunk slot. Confined to the edge's context.
 */
public final class DialogTable {

    /**
     * @param answered the answered attempt
     * @param callerTag the caller's From tag (requests with it go caller to trunk)
     * @param cseqOffset INVITEs the edge added toward the trunk (digest answers)
     * @param trunk the trunk carrying the call
     * @param answeredAtMs when the 2xx arrived, epoch ms
     */
    public record Entry(SipAttempt answered, String callerTag, long cseqOffset, SipTrunk trunk, long answeredAtMs) {
    }

    private final Map<String, Entry> byCallId = new HashMap<>();

    /** @param callId the Call-ID @param entry its dialog */
    public void put(String callId, Entry entry) {
        byCallId.put(callId, entry);
    }

    /** @return the dialog of a Call-ID, or null */
    public Entry get(String callId) {
        return byCallId.get(callId);
    }

    /** @return the dialog removed, or null */
    public Entry remove(String callId) {
        return byCallId.remove(callId);
    }

    /** @return answered calls in progress */
    public int size() {
        return byCallId.size();
    }

    /**
     * Forgets dialogs older than a bound (a BYE that never came through the edge).
     *
     * @param olderThanMs answered before this epoch ms
     * @param onExpired called with each forgotten dialog
     */
    public void expire(long olderThanMs, java.util.function.Consumer<Entry> onExpired) {
        Iterator<Entry> it = byCallId.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.answeredAtMs() < olderThanMs) {
                it.remove();
                onExpired.accept(e);
            }
        }
    }
}
