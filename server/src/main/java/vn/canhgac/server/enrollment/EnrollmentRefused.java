package vn.canhgac.server.enrollment;

/** Enrolment refused; the message is sent to the agent and shown to the person enrolling it. */
public final class EnrollmentRefused extends RuntimeException {
    public EnrollmentRefused(String message) {
        super(message);
    }
}
