package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a USB device can do, as an inspector asks it; a composite device has several kinds. */
public enum UsbKind {
    /** Mass storage (interface class 08): flash drives, card readers, external disks. */
    STORAGE("storage"),
    /** File transfer from a phone or camera: MTP or PTP (class 06, or a vendor interface that announces MTP). */
    PHONE("phone"),
    /** Network adapters: CDC (02, 0a), RNDIS and wireless (e0, ef/04), or any interface the kernel bound a network interface to. */
    NETWORK("network"),
    /** Keyboards, mice and other HID (class 03). */
    INPUT("input"),
    /** Hubs (class 09). */
    HUB("hub"),
    /** None of the above. */
    OTHER("other");

    private final String word;

    UsbKind(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }
}
