package vn.canhgac.agent.usb;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.canhgac.protocol.policy.UsbKind;

/**
 * Turns class codes into {@link UsbKind}s. A composite device is the union of its interfaces, so
 * a "keyboard" that also exposes mass storage is storage. Pure: no I/O.
 *
 * <p>Codes are the USB-IF base classes (usb.org "Defined Class Codes"): 03 HID, 06 still image
 * (PTP, and MTP phones that announce it), 08 mass storage, 09 hub, 02 CDC control and 0a CDC data
 * (Ethernet, NCM, modems), e0 wireless controller (Bluetooth, RNDIS), ef/04 RNDIS over Ethernet.
 * Vendor-specific interfaces (ff) say nothing by their codes; Android's MTP is one, recognised by
 * its interface string "MTP", and vendor-mode Ethernet or Wi-Fi chips by the network interface
 * the kernel made from them.
 */
public final class UsbClassifier {

    static final int CLASS_CDC_CONTROL = 0x02;
    static final int CLASS_HID = 0x03;
    static final int CLASS_STILL_IMAGE = 0x06;
    static final int CLASS_MASS_STORAGE = 0x08;
    static final int CLASS_HUB = 0x09;
    static final int CLASS_CDC_DATA = 0x0a;
    static final int CLASS_WIRELESS = 0xe0;
    static final int CLASS_MISCELLANEOUS = 0xef;
    static final int CLASS_VENDOR = 0xff;
    private static final int MISC_SUBCLASS_RNDIS = 0x04;

    private UsbClassifier() {}

    /** Every kind the device has, in {@link UsbKind} order; {@code [other]} when nothing matched. */
    public static List<UsbKind> kinds(UsbDevice device) {
        Set<UsbKind> kinds = EnumSet.noneOf(UsbKind.class);
        // A class at device level (hubs, some CDC devices) speaks for the whole device; 00, ef and ff defer to the interfaces.
        if (device.deviceClass() != 0 && device.deviceClass() != CLASS_MISCELLANEOUS && device.deviceClass() != CLASS_VENDOR) {
            addKind(kinds, new UsbInterface(device.deviceClass(), 0, 0, ""));
        }
        device.interfaces().forEach(in -> addKind(kinds, in));
        if (!device.networkInterfaces().isEmpty()) {
            kinds.add(UsbKind.NETWORK);
        }
        if (!device.blockDevices().isEmpty()) {
            kinds.add(UsbKind.STORAGE);
        }
        if (kinds.isEmpty()) {
            kinds.add(UsbKind.OTHER);
        }
        return new ArrayList<>(kinds);
    }

    private static void addKind(Set<UsbKind> kinds, UsbInterface in) {
        switch (in.interfaceClass()) {
            case CLASS_MASS_STORAGE -> kinds.add(UsbKind.STORAGE);
            case CLASS_STILL_IMAGE -> kinds.add(UsbKind.PHONE);
            case CLASS_HID -> kinds.add(UsbKind.INPUT);
            case CLASS_HUB -> kinds.add(UsbKind.HUB);
            case CLASS_CDC_CONTROL, CLASS_CDC_DATA, CLASS_WIRELESS -> kinds.add(UsbKind.NETWORK);
            case CLASS_MISCELLANEOUS -> {
                if (in.subclass() == MISC_SUBCLASS_RNDIS) {
                    kinds.add(UsbKind.NETWORK);
                }
            }
            case CLASS_VENDOR -> {
                if (announcesMtp(in.name())) {
                    kinds.add(UsbKind.PHONE);
                }
            }
            default -> { }
        }
    }

    /** Android names its vendor-specific MTP interface "MTP"; some vendors write "mtp" or "MTP function". */
    private static boolean announcesMtp(String interfaceName) {
        for (String word : interfaceName.toUpperCase(Locale.ROOT).split("[^A-Z0-9]+")) {
            if (word.equals("MTP")) {
                return true;
            }
        }
        return false;
    }
}
