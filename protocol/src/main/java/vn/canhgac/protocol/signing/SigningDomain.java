package vn.canhgac.protocol.signing;

import java.nio.charset.StandardCharsets;

/**
 * What a signature is for. The domain's label is signed together with the content, so a
 * signature made for one purpose (a report manifest) can never be presented as another (a
 * policy bundle), even when the same server keys make both.
 */
public enum SigningDomain {
    POLICY_BUNDLE("canhgac/v1 policy-bundle"),
    REPORT_MANIFEST("canhgac/v1 report-manifest"),
    SOC_EXPORT("canhgac/v1 soc-export");

    private final String label;

    SigningDomain(String label) {
        this.label = label;
    }

    byte[] prefix() {
        byte[] text = label.getBytes(StandardCharsets.US_ASCII);
        byte[] prefix = new byte[text.length + 1];
        System.arraycopy(text, 0, prefix, 0, text.length);
        return prefix; // NUL-terminated: no label is a prefix of another label plus content
    }
}
