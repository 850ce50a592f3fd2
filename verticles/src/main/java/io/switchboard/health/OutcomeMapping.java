package io.switchboard.health;

import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.Attempt;
import io.switchboard.health.core.Outcome;
import java.util.Optional;
import java.util.Set;

/**
 * What an attempt says about its carrier's health. A carrier that accepted the request, or that
 * answered for the callee (busy, no answer, declined, invalid number), worked; a retryable
 * failure or a final failure of the carrier's own (auth, carrier error) counts against it; a
 * time-out counts as one; a cancelled attempt says nothing.
 */
final class OutcomeMapping {

    /** Final failures that are the callee's or the number's, not the carrier's. */
    static final Set<ErrorCode> CALLEE_CAUSES = Set.of(ErrorCode.TEL_001, ErrorCode.TEL_202, ErrorCode.TEL_203,
            ErrorCode.TEL_204);

    private OutcomeMapping() {
    }

    /** @return the health signal of {@code attempt}, or empty when it carries none */
    static Optional<Outcome> of(Attempt attempt) {
        if (attempt.outcome() == null) {
            return Optional.empty();
        }
        return switch (attempt.outcome()) {
            case SUCCESS -> Optional.of(Outcome.SUCCESS);
            case TIMEOUT -> Optional.of(Outcome.TIMEOUT);
            case RETRYABLE_FAILURE -> Optional.of(Outcome.FAILURE);
            case FINAL_FAILURE -> Optional.of(CALLEE_CAUSES.contains(attempt.cause()) ? Outcome.SUCCESS : Outcome.FAILURE);
            case CANCELED -> Optional.empty();
        };
    }
}
