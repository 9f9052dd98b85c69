package vn.canhgac.agent.usb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * USB devices on Windows and macOS, from OSHI (SetupAPI / IOKit). OSHI gives names, vendor and
 * product ids, serials and the OS's device ids, but no class codes, so kinds come from what the
 * OS calls the device and its children: a {@code USBSTOR\} child or "Mass Storage" is storage, a
 * WPD/"MTP" child a phone, "HID"/"Keyboard"/"Mouse" input, "Hub" a hub. That is a best effort for
 * reporting; nothing is enforced on these systems yet, and the events say so.
 */
final class OshiUsbDevices implements UsbDeviceSource {

    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{4}");

    private final String osName;
    private final Supplier<List<oshi.hardware.UsbDevice>> tree;

    /**
     * @param tree the OS's USB device tree (controllers at the top), as {@code HardwareAbstractionLayer.getUsbDevices(true)} gives it
     */
    OshiUsbDevices(String osName, Supplier<List<oshi.hardware.UsbDevice>> tree) {
        this.osName = osName;
        this.tree = tree;
    }

    /** The real machine's devices; OSHI is loaded at the first scan and kept. */
    static OshiUsbDevices ofThisMachine(String osName) {
        AtomicReference<HardwareAbstractionLayer> hardware = new AtomicReference<>();
        return new OshiUsbDevices(osName, () -> hardware.updateAndGet(h -> h != null ? h : new oshi.SystemInfo().getHardware())
                .getUsbDevices(true));
    }

    @Override
    public String describe() {
        return "OSHI (" + osName + ")";
    }

    @Override
    public UsbScan scan() {
        List<UsbDevice> devices = new ArrayList<>();
        List<UsbReadProblem> problems = new ArrayList<>();
        try {
            tree.get().forEach(node -> collect(node, devices, 0));
        } catch (RuntimeException | LinkageError e) {
            problems.add(new UsbReadProblem("", "", "OSHI could not list USB devices on " + osName + ": " + e));
        }
        return new UsbScan(devices, problems, true);
    }

    /** Walks the tree; nodes without USB ids (controllers, child functions) are not devices of their own. */
    private void collect(oshi.hardware.UsbDevice node, List<UsbDevice> devices, int depth) {
        if (depth > 16) {
            return;
        }
        String vendorId = text(node.getVendorId());
        String productId = text(node.getProductId());
        if (HEX_ID.matcher(vendorId).matches() && HEX_ID.matcher(productId).matches()) {
            List<UsbInterface> hints = new ArrayList<>();
            hintsFrom(node, hints, 0);
            devices.add(new UsbDevice(Printable.of(text(node.getUniqueDeviceId())), "", 0, vendorId.toLowerCase(Locale.ROOT),
                    productId.toLowerCase(Locale.ROOT), Optional.of(text(node.getSerialNumber())).filter(s -> !s.isEmpty()),
                    Printable.of(text(node.getVendor())), Printable.of(text(node.getName())), 0, hints, true, List.of(), List.of()));
        }
        for (oshi.hardware.UsbDevice child : node.getConnectedDevices()) {
            collect(child, devices, depth + 1);
        }
    }

    /** Class codes the names imply, for {@link UsbClassifier}; the interface name says where each came from. */
    private static void hintsFrom(oshi.hardware.UsbDevice node, List<UsbInterface> hints, int depth) {
        String id = text(node.getUniqueDeviceId()).toUpperCase(Locale.ROOT);
        String name = text(node.getName()).toUpperCase(Locale.ROOT);
        String from = "named " + Printable.of(text(node.getName()));
        if (id.startsWith("USBSTOR\\") || name.contains("MASS STORAGE")) {
            hints.add(new UsbInterface(UsbClassifier.CLASS_MASS_STORAGE, 0x06, 0x50, from));
        }
        if (id.startsWith("WPDBUSENUM") || name.contains("MTP")) {
            hints.add(new UsbInterface(UsbClassifier.CLASS_STILL_IMAGE, 0x01, 0x01, from));
        }
        if (id.startsWith("HID\\") || name.contains("KEYBOARD") || name.contains("MOUSE")) {
            hints.add(new UsbInterface(UsbClassifier.CLASS_HID, 0, 0, from));
        }
        if (name.contains("HUB")) {
            hints.add(new UsbInterface(UsbClassifier.CLASS_HUB, 0, 0, from));
        }
        if (depth < 4) {
            for (oshi.hardware.UsbDevice child : node.getConnectedDevices()) {
                // A child with ids of its own is a separate device behind a hub, not a function of this one.
                if (!HEX_ID.matcher(text(child.getVendorId())).matches()) {
                    hintsFrom(child, hints, depth + 1);
                }
            }
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
