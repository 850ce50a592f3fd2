package io.switchboard.sip.record;

/** Where the edge reports attempts; called on the edge's context. */
public interface AttemptSink {

    /** @param attempt a branch that ended with its final response (answered or failed) */
    void finished(SipAttempt attempt);

    /** @param attempt an answered branch whose dialog ended by BYE, with {@code durationMs} set */
    void completed(SipAttempt attempt);
}
