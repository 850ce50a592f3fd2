package io.switchboard.sip.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Takes responses that match no client transaction (2xx retransmissions, late answers) away from
 * the NIST stack before it looks for one: on a miss the RI scans every client transaction it
 * holds (tens of thousands under load, each compared with lower-cased strings), which made the
 * proxy collapse at a few hundred calls per second. Such a response goes straight to the edge's
 * handler (stateless forwarding of a 2xx, RFC 3261 §16.7 step 5; anything else is dropped).
 * Installed by {@link SipEndpoint} through {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}; the stack
 * creates it, so its handler is found by stack name.
 */
public final class StrayResponseValve implements SIPMessageValve {

    static final Map<String, Consumer<Response>> HANDLERS = new ConcurrentHashMap<>();

    private SIPTransactionStack stack;
    private Consumer<Response> handler;

    /** Created by the stack. */
    public StrayResponseValve() {
    }

    @Override
    public void init(SipStack sipStack) {
        stack = (SIPTransactionStack) sipStack;
        handler = HANDLERS.get(sipStack.getStackName());
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        String id = ((SIPResponse) response).getTransactionId();
        if (id != null && stack.findTransaction(id, false) != null) {
            return true;
        }
        if (handler != null) {
            handler.accept(response);
        }
        return false;
    }

    @Override
    public void destroy() {
        handler = null;
    }
}
