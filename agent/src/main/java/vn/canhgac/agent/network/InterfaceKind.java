package vn.canhgac.agent.network;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a network interface is, as far as the secret-drafting rule cares. The "outside links"
 * (Wi-Fi, cellular, USB tethering, Bluetooth PAN) are the ones a user brings in past the
 * agency's cabling; on a secret workstation any of them up is a violation by itself.
 */
public enum InterfaceKind {
    LOOPBACK("loopback", "loopback", false),
    ETHERNET("ethernet", "Ethernet", false),
    WIFI("wifi", "Wi-Fi", true),
    CELLULAR("cellular", "cellular/WWAN", true),
    USB_TETHERING("usb-tethering", "USB tethering", true),
    BLUETOOTH_PAN("bluetooth-pan", "Bluetooth PAN", true),
    VPN("vpn", "VPN/tunnel", false),
    VIRTUAL("virtual", "virtual (bridge, veth, container)", false),
    OTHER("other", "other", false);

    private final String word;
    private final String label;
    private final boolean outsideLink;

    InterfaceKind(String word, String label, boolean outsideLink) {
        this.word = word;
        this.label = label;
        this.outsideLink = outsideLink;
    }

    /** The lower-case name used in findings and events. */
    @JsonValue
    public String word() {
        return word;
    }

    /** The name an inspector reads in a signal: "wlan0 up (Wi-Fi)". */
    public String label() {
        return label;
    }

    /** Wi-Fi, cellular, USB tethering or Bluetooth PAN: a link that leads outside the agency's own network. */
    public boolean outsideLink() {
        return outsideLink;
    }
}
