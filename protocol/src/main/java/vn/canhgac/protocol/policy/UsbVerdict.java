package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the policy says about a device. */
public enum UsbVerdict {
    ALLOW("allow"), BLOCK("block"), READ_ONLY("read-only");

    private final String word;

    UsbVerdict(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }
}
