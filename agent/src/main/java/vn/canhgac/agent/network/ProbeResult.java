package vn.canhgac.agent.network;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What one reachability probe found.
 *
 * @param target  as the policy wrote it ("tcp:203.0.113.10:443", "https:https://…")
 * @param address the IP address that answered, as text, when it did; "" otherwise. It tells which route (and so which
 *                interface) reached the endpoint.
 * @param detail  what a reader needs: "HTTP 200", "connection refused", "no answer within 2 s", …
 */
public record ProbeResult(String target, Outcome outcome, String address, String detail) {

    public enum Outcome {
        /** The TCP connection opened, or the HTTPS endpoint answered with a certificate that verified. */
        REACHABLE("reachable"),
        /** Nothing answered: refused, timed out, no route, name not resolved. */
        UNREACHABLE("unreachable"),
        /** Something answered the HTTPS probe but its certificate did not verify: not the endpoint the policy names. */
        UNTRUSTED("answered-untrusted");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }
    }

    /** "probe https:https://x/health reachable (HTTP 200)". */
    public String describe() {
        return "probe " + target + " " + outcome.word() + " (" + detail + ")";
    }
}
