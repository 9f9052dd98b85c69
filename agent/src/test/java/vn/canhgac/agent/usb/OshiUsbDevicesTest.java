package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.policy.UsbKind;

/** The Windows/macOS source on a device tree shaped like OSHI's on Windows (controller → hub → devices → functions). */
class OshiUsbDevicesTest {

    /** A node of OSHI's tree, as its Windows implementation fills it. */
    private record Node(String name, String vendor, String vendorId, String productId, String serial, String id, List<oshi.hardware.UsbDevice> children)
            implements oshi.hardware.UsbDevice {

        @Override public String getName() { return name; }
        @Override public String getVendor() { return vendor; }
        @Override public String getVendorId() { return vendorId; }
        @Override public String getProductId() { return productId; }
        @Override public String getSerialNumber() { return serial; }
        @Override public String getUniqueDeviceId() { return id; }
        @Override public List<oshi.hardware.UsbDevice> getConnectedDevices() { return children; }
        @Override public int compareTo(oshi.hardware.UsbDevice other) { return id.compareTo(other.getUniqueDeviceId()); }
    }

    private static Node node(String name, String vendorId, String productId, String serial, String id, oshi.hardware.UsbDevice... children) {
        return new Node(name, "", vendorId, productId, serial, id, List.of(children));
    }

    private static final List<oshi.hardware.UsbDevice> WINDOWS_TREE = List.of(
            node("Intel(R) USB 3.20 eXtensible Host Controller", "", "", "", "PCI\\VEN_8086&DEV_A0ED\\3&11583659&0&A0",
                    node("USB Root Hub (USB 3.0)", "", "", "", "USB\\ROOT_HUB30\\4&1A2B3C&0&0",
                            node("USB Mass Storage Device", "0781", "5567", "4C530001230527106384",
                                    "USB\\VID_0781&PID_5567\\4C530001230527106384",
                                    node("SanDisk Cruzer Blade USB Device", "", "", "",
                                            "USBSTOR\\DISK&VEN_SANDISK&PROD_CRUZER_BLADE&REV_1.00\\4C530001230527106384&0")),
                            node("USB Composite Device", "046D", "C31C", "", "USB\\VID_046D&PID_C31C\\5&2D7E&0&2",
                                    node("USB Input Device", "", "", "", "USB\\VID_046D&PID_C31C&MI_00\\6&1",
                                            node("HID Keyboard Device", "", "", "", "HID\\VID_046D&PID_C31C&MI_00\\7&1"))),
                            node("Galaxy S22", "04e8", "6860", "R58M12ABCDE", "USB\\VID_04E8&PID_6860&MS_COMP_MTP&SAMSUNG_ANDROID\\6&2",
                                    node("Galaxy S22", "", "", "", "WPDBUSENUM\\_??_USBSTOR#DISK")))));

    @Test
    void devicesWithIdsAreReportedAndKindsComeFromWhatWindowsCallsThemAndTheirFunctions() {
        UsbScan scan = new OshiUsbDevices("Windows 11", () -> WINDOWS_TREE).scan();

        Map<String, UsbDevice> byVendor = scan.devices().stream().collect(Collectors.toMap(UsbDevice::vendorId, Function.identity()));
        assertEquals(List.of(), scan.problems());
        assertEquals(3, scan.devices().size(), "controller and root hub carry no ids");
        assertEquals(List.of(UsbKind.STORAGE), UsbClassifier.kinds(byVendor.get("0781")));
        assertEquals(Optional.of("4C530001230527106384"), byVendor.get("0781").serial());
        assertEquals("c31c", byVendor.get("046d").productId());
        assertEquals(List.of(UsbKind.INPUT), UsbClassifier.kinds(byVendor.get("046d")));
        assertEquals(List.of(UsbKind.PHONE), UsbClassifier.kinds(byVendor.get("04e8")));
        assertEquals(Optional.empty(), byVendor.get("046d").serial());
    }

    @Test
    void oshiFailingIsAProblemNotACrash() {
        UsbScan scan = new OshiUsbDevices("macOS 15", () -> {
            throw new UnsatisfiedLinkError("IOKit not loadable");
        }).scan();

        assertEquals(List.of(), scan.devices());
        assertTrue(scan.problems().getFirst().message().startsWith("OSHI could not list USB devices on macOS 15: "),
                scan.problems().getFirst().message());
    }
}
