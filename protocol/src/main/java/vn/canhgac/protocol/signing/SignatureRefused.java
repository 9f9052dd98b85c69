package vn.canhgac.protocol.signing;

/** A signature is missing, malformed or does not verify; the message says which one and why. */
public final class SignatureRefused extends Exception {

    public SignatureRefused(String message) {
        super(message);
    }
}
