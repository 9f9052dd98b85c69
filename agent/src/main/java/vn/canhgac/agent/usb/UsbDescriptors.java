package vn.canhgac.agent.usb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the kernel's {@code descriptors} attribute: the raw device descriptor followed by the raw
 * configuration descriptors of every configuration. It exists before the device is configured,
 * so it is what tells what an unauthorised device is (the default-deny mode keeps storage devices
 * unconfigured, with no interface directories at all).
 *
 * <p>Every configuration counts, not only the active one: a device cannot choose its configuration
 * but could hope the host picks a harmless-looking one, so the union is the fail-closed answer.
 */
final class UsbDescriptors {

    private static final int TYPE_INTERFACE = 4;
    private static final int INTERFACE_LENGTH = 9;
    /** A device has at most 255 configurations × 32 interfaces in theory; real ones have a handful. */
    static final int MAX_INTERFACES = 64;

    private UsbDescriptors() {}

    /**
     * Interface class codes found, without duplicates (alternate settings repeat them), in order.
     *
     * @throws IllegalArgumentException if a descriptor's length is impossible (shorter than its
     *     own header, or running past the end): the data is corrupt, and nothing after that point can be trusted
     */
    static List<UsbInterface> interfaces(byte[] raw) {
        Set<UsbInterface> found = new LinkedHashSet<>();
        int offset = 0;
        while (offset + 2 <= raw.length) {
            int length = raw[offset] & 0xff;
            int type = raw[offset + 1] & 0xff;
            if (length < 2 || offset + length > raw.length) {
                throw new IllegalArgumentException("descriptor at byte " + offset + " has impossible length " + length
                        + " (" + raw.length + " bytes in all)");
            }
            if (type == TYPE_INTERFACE && length >= INTERFACE_LENGTH && found.size() < MAX_INTERFACES) {
                found.add(new UsbInterface(raw[offset + 5] & 0xff, raw[offset + 6] & 0xff, raw[offset + 7] & 0xff, ""));
            }
            offset += length;
        }
        return new ArrayList<>(found);
    }
}
