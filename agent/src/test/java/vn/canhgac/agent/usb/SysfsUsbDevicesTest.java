package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.UsbKind;

class SysfsUsbDevicesTest {

    @TempDir
    Path directory;

    private SysfsFixture sys;

    @BeforeEach
    void fixture() {
        sys = new SysfsFixture(directory);
    }

    private UsbScan scan() {
        return new SysfsUsbDevices(HostRoot.of(directory)).scan();
    }

    private static Map<String, UsbDevice> byBus(UsbScan scan) {
        return scan.devices().stream().collect(Collectors.toMap(UsbDevice::busPath, Function.identity()));
    }

    @Test
    void readsEveryFactOfAFlashDriveThroughTheBusLink() {
        UsbDevices.sandiskCruzer(sys, "1-2");

        UsbScan scan = scan();

        assertEquals(List.of(), scan.problems());
        assertTrue(scan.busVisible());
        assertEquals(List.of(new UsbDevice("1-2", "/sys/bus/usb/devices/1-2", 5, "0781", "5567", Optional.of("4C530001230527106384"),
                "SanDisk", "Cruzer Blade", 0, List.of(new UsbInterface(0x08, 0x06, 0x50, "")), true,
                List.of(new BlockDevice("sdb", "/sys/bus/usb/devices/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0/block/sdb", false),
                        new BlockDevice("sdb1", "/sys/bus/usb/devices/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0/block/sdb/sdb1", false)),
                List.of())), scan.devices());
    }

    @Test
    void readsTheWholeAcceptanceSetWithTheirKinds() {
        UsbDevices.plugAcceptanceSet(sys);

        Map<String, UsbDevice> devices = byBus(scan());

        assertEquals(9, devices.size());
        assertEquals(List.of(UsbKind.HUB), UsbClassifier.kinds(devices.get("usb1")));
        assertEquals(List.of(UsbKind.STORAGE), UsbClassifier.kinds(devices.get("1-1")));
        assertEquals(List.of(UsbKind.STORAGE), UsbClassifier.kinds(devices.get("1-2")));
        assertEquals(List.of(UsbKind.INPUT), UsbClassifier.kinds(devices.get("1-3")));
        assertEquals(List.of(UsbKind.STORAGE, UsbKind.INPUT), UsbClassifier.kinds(devices.get("1-4")));
        assertEquals(List.of(UsbKind.PHONE), UsbClassifier.kinds(devices.get("1-5")));
        assertEquals(List.of(UsbKind.NETWORK), UsbClassifier.kinds(devices.get("1-6")));
        assertEquals(List.of("enx00e04c680001"), devices.get("1-6").networkInterfaces());
        assertEquals(List.of(UsbKind.NETWORK), UsbClassifier.kinds(devices.get("1-7")));
        assertEquals(List.of(UsbKind.STORAGE), UsbClassifier.kinds(devices.get("1-8")));
        assertEquals("MTP", devices.get("1-5").interfaces().getFirst().name());
    }

    @Test
    void idsAreLowerCasedAndTheSerialKeptExactly() {
        sys.device("2-1", "0BDA", "8153").strings("Realtek", "LAN", "ab CD ").iface(0x02, 0x06, 0x00, null).plug();

        UsbDevice device = scan().devices().getFirst();

        assertEquals("0bda", device.vendorId());
        assertEquals("8153", device.productId());
        assertEquals(Optional.of("ab CD "), device.serial(), "only the kernel's trailing line break is removed");
    }

    @Test
    void anUnauthorisedDeviceIsClassifiedFromItsRawDescriptors() {
        sys.device("1-2", "0781", "5567").strings("SanDisk", "Cruzer Blade", "4C53").unauthorized()
                .descriptors(UsbDescriptorsTest.CRUZER).plug();

        UsbDevice device = scan().devices().getFirst();

        assertFalse(device.authorized());
        assertEquals(List.of(new UsbInterface(0x08, 0x06, 0x50, "")), device.interfaces());
        assertEquals(List.of(UsbKind.STORAGE), UsbClassifier.kinds(device));
    }

    @Test
    void descriptorsAddWhatTheActiveConfigurationHides() {
        sys.device("1-3", "046d", "c31c").iface(0x03, 0x01, 0x01, null)
                .descriptors(UsbDescriptorsTest.KEYBOARD_WITH_STORAGE_CONFIG).plug();

        assertEquals(List.of(UsbKind.STORAGE, UsbKind.INPUT), UsbClassifier.kinds(scan().devices().getFirst()));
    }

    @Test
    void aMissingIdVendorLeavesThatDeviceOutWithAProblemAndTheOthersAreRead() {
        sys.device("1-1", "0781", "5567").without("idVendor").iface(0x08, 0x06, 0x50, null).plug();
        UsbDevices.logitechKeyboard(sys, "1-2");

        UsbScan scan = scan();

        assertEquals(List.of("1-2"), scan.devices().stream().map(UsbDevice::busPath).toList());
        assertEquals(List.of(new UsbReadProblem("1-1", "/sys/bus/usb/devices/1-1/idVendor",
                "idVendor is missing, so the device cannot be identified; it is not judged")), scan.problems());
    }

    @Test
    void garbageInIdVendorIsAProblemQuotedShortAndPrintable() {
        sys.device("1-1", "zz\u0001!" + "x".repeat(100), "5567").plug();

        UsbScan scan = scan();

        assertEquals(List.of(), scan.devices());
        String message = scan.problems().getFirst().message();
        assertTrue(message.startsWith("idVendor must be 4 hex digits (got \"zz?!xxxx"), message);
        assertTrue(message.length() < 150, message);
    }

    @Test
    void anUnreadableAuthorizedIsAProblemAndCountsAsAuthorisedSoABlockIsStillTried() throws Exception {
        sys.device("1-1", "0781", "5567").without("authorized").iface(0x08, 0x06, 0x50, null).plug();
        Files.createDirectories(sys.attribute("1-1", "authorized"));

        UsbScan scan = scan();

        assertTrue(scan.devices().getFirst().authorized());
        assertEquals("/sys/bus/usb/devices/1-1/authorized", scan.problems().getFirst().hostPath());
        assertEquals("cannot read: Is a directory; counted as authorised", scan.problems().getFirst().message(),
                "host paths only: the fixture's own path is not in the message");
    }

    @Test
    void corruptDescriptorsAreAProblemAndTheInterfaceDirectoriesStillCount() {
        sys.device("1-1", "0781", "5567").iface(0x08, 0x06, 0x50, null).descriptors(new byte[] {9, 4, 0}).plug();

        UsbScan scan = scan();

        assertEquals(List.of(UsbKind.STORAGE), UsbClassifier.kinds(scan.devices().getFirst()));
        assertTrue(scan.problems().getFirst().message().startsWith("corrupt descriptors: "), scan.problems().getFirst().message());
    }

    @Test
    void anInterfaceWithGarbageClassIsSkippedAndReported() {
        sys.device("1-1", "abcd", "0001").iface(0x03, 0x01, 0x01, null).iface(0x08, 0x06, 0x50, null).plug();
        SysfsFixture.write(sys.deviceDirectory("1-1").resolve("1-1:1.1/bInterfaceClass"), "storage!");

        UsbScan scan = scan();

        assertEquals(List.of(UsbKind.INPUT), UsbClassifier.kinds(scan.devices().getFirst()));
        assertEquals(2, scan.problems().size(), "the bad code and the skipped interface: " + scan.problems());
    }

    @Test
    void aDeviceUnpluggedWhileBeingReadIsNeitherADeviceNorAProblem() throws Exception {
        UsbDevices.logitechKeyboard(sys, "1-3");
        Files.createSymbolicLink(directory.resolve("sys/bus/usb/devices/1-9"), Path.of("../../../devices/gone/1-9"));

        UsbScan scan = scan();

        assertEquals(List.of("1-3"), scan.devices().stream().map(UsbDevice::busPath).toList());
        assertEquals(List.of(), scan.problems());
    }

    @Test
    void aMachineWithoutUsbShowsNoBusAndNoProblem() throws Exception {
        UsbScan scan = new SysfsUsbDevices(HostRoot.of(Files.createDirectories(directory.resolve("no-usb")))).scan();

        assertFalse(scan.busVisible());
        assertEquals(List.of(), scan.problems());
    }

    @Test
    void interfacesAndOtherEntriesAreNotTakenForDevices() {
        UsbDevices.logitechKeyboard(sys, "1-3");
        SysfsFixture.write(directory.resolve("sys/bus/usb/devices/1-3:1.0/bInterfaceClass"), "03");
        SysfsFixture.write(directory.resolve("sys/bus/usb/devices/notes.txt"), "not a device");

        assertEquals(List.of("1-3"), scan().devices().stream().map(UsbDevice::busPath).toList());
    }
}
