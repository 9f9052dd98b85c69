package vn.canhgac.server.store;

import java.time.Instant;
import java.util.Objects;

/** The outcome of presenting an enrolment token secret. Only {@link Redeemed} admits the agent. */
public sealed interface TokenRedemption {

    /** The token was valid and is now marked used by the redeeming agent. */
    record Redeemed(EnrollmentToken token) implements TokenRedemption {
        public Redeemed {
            Objects.requireNonNull(token, "token");
        }
    }

    /** No token has this secret. */
    record Unknown() implements TokenRedemption {}

    /** The token was redeemed before, at {@code usedAt}. */
    record AlreadyUsed(Instant usedAt) implements TokenRedemption {
        public AlreadyUsed {
            Objects.requireNonNull(usedAt, "usedAt");
        }
    }

    /** The token expired at {@code expiresAt} without being used. */
    record Expired(Instant expiresAt) implements TokenRedemption {
        public Expired {
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** An administrator revoked the token at {@code revokedAt}. */
    record Revoked(Instant revokedAt) implements TokenRedemption {
        public Revoked {
            Objects.requireNonNull(revokedAt, "revokedAt");
        }
    }
}
