package vn.canhgac.agent.enroll;

/** Enrolment did not complete; the message says why and what to do. Nothing was stored. */
public final class EnrollmentException extends RuntimeException {
    public EnrollmentException(String message) {
        super(message);
    }
}
