package vn.canhgac.agent.usb;

import java.util.Locale;

/**
 * One USB interface: class, subclass and protocol codes (0-255) and, when the kernel configured
 * the device, the interface's own string (Android announces "MTP" there). Interfaces read from the
 * raw descriptors of an unconfigured device have no name.
 */
public record UsbInterface(int interfaceClass, int subclass, int protocol, String name) {

    public UsbInterface {
        checkCode("interface class", interfaceClass);
        checkCode("subclass", subclass);
        checkCode("protocol", protocol);
        name = name == null ? "" : name;
    }

    /** "08/06/50": the codes as lsusb and the USB-IF tables write them. */
    public String codes() {
        return String.format(Locale.ROOT, "%02x/%02x/%02x", interfaceClass, subclass, protocol);
    }

    private static void checkCode(String what, int code) {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException(what + " must be between 0 and 255 (got " + code + ")");
        }
    }
}
