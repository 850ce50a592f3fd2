package io.switchboard.sip.stack;

import javax.sip.ResponseEvent;

/**
 * What a client transaction's application data is: the object that handles its responses and its
 * timeout. Called on the edge's context.
 */
public interface ClientHandler {

    /** @param event a response of the transaction */
    void onResponse(ResponseEvent event);

    /** The transaction timed out (RFC 3261 §17.1: Timer B or F). */
    void onTimeout();
}
