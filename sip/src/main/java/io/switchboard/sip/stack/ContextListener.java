package io.switchboard.sip.stack;

import java.util.concurrent.Executor;
import java.util.function.Predicate;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * The JAIN-SIP listener: runs on the stack's threads, does nothing there but the flood check, and
 * hands every event to the edge's context (a Vert.x context as an {@link Executor}), so the edge's
 * state is confined to one thread and JAIN-SIP threads never wait on it.
 */
public final class ContextListener implements SipListener {

    private final Executor context;
    private final Predicate<RequestEvent> admit;
    private final SipEvents target;

    /**
     * @param context where events are handled (e.g. {@code r -> vertxContext.runOnContext(v -> r.run())})
     * @param admit decides on the receiving thread whether a request is processed at all (flood
     *     limit); a refused request is dropped silently
     * @param target the handlers
     */
    public ContextListener(Executor context, Predicate<RequestEvent> admit, SipEvents target) {
        this.context = context;
        this.admit = admit;
        this.target = target;
    }

    @Override
    public void processRequest(RequestEvent event) {
        if (admit.test(event)) {
            context.execute(() -> target.request(event));
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        context.execute(() -> target.response(event));
    }

    /**
     * A response that matches no client transaction ({@link StrayResponseValve}), handed over like
     * any response, without a transaction.
     *
     * @param response the response
     */
    public void stray(javax.sip.message.Response response) {
        context.execute(() -> target.response(new ResponseEvent(this, null, null, response)));
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        context.execute(() -> target.timeout(event));
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        context.execute(() -> target.ioError(event));
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing: the edge forgets a transaction when its final response is handled
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // nothing: no JAIN-SIP dialogs are created (AUTOMATIC_DIALOG_SUPPORT off)
    }
}
