package io.switchboard.sip.stack;

import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;

/**
 * What the edge does with JAIN-SIP's events, called on the edge's own context (never on a JAIN-SIP
 * thread): see {@link ContextListener}.
 */
public interface SipEvents {

    /** @param event a request received (already admitted by the flood guard) */
    void request(RequestEvent event);

    /** @param event a response received */
    void response(ResponseEvent event);

    /** @param event a transaction timer fired (RFC 3261 §17: Timer B/F for client transactions) */
    void timeout(TimeoutEvent event);

    /** @param event a transport error reported asynchronously by the stack */
    default void ioError(IOExceptionEvent event) {
    }
}
