package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.host.HostRoot;

class LinuxUsbEnforcerTest {

    @TempDir
    Path directory;

    private UsbDevice plugCruzer(SysfsFixture sys) {
        UsbDevices.sandiskCruzer(sys, "1-2");
        return new SysfsUsbDevices(HostRoot.of(directory)).scan().devices().getFirst();
    }

    @Test
    void blockingWritesZeroToAuthorizedThroughTheBusLinkAndAuthorisingWritesOne() throws Exception {
        SysfsFixture sys = new SysfsFixture(directory);
        UsbDevice drive = plugCruzer(sys);
        LinuxUsbEnforcer enforcer = new LinuxUsbEnforcer(HostRoot.of(directory));

        enforcer.setAuthorized(drive, false);
        assertEquals("0", sys.read("1-2", "authorized"));

        enforcer.setAuthorized(drive, true);
        assertEquals("1", sys.read("1-2", "authorized"));
    }

    @Test
    void aMissingAttributeIsAnErrorAndNoFileIsCreated() throws Exception {
        SysfsFixture sys = new SysfsFixture(directory);
        UsbDevice drive = plugCruzer(sys);
        Files.delete(sys.attribute("1-2", "authorized"));

        IOException error = assertThrows(IOException.class, () -> new LinuxUsbEnforcer(HostRoot.of(directory)).setAuthorized(drive, false));

        assertTrue(error.getMessage().contains("/sys/bus/usb/devices/1-2/authorized"), error.getMessage());
        assertFalse(Files.exists(sys.attribute("1-2", "authorized")));
    }

    @Test
    void anUnwritableAttributeFailsWithTheHostPath() throws Exception {
        SysfsFixture sys = new SysfsFixture(directory);
        UsbDevice drive = plugCruzer(sys);
        Files.delete(sys.attribute("1-2", "authorized"));
        Files.createDirectory(sys.attribute("1-2", "authorized"));

        IOException error = assertThrows(IOException.class, () -> new LinuxUsbEnforcer(HostRoot.of(directory)).setAuthorized(drive, false));

        assertTrue(error.getMessage().startsWith("writing 0 to /sys/bus/usb/devices/1-2/authorized failed: "), error.getMessage());
    }

    @Test
    void readOnlyUnderAFixtureRootWritesTheRoAttributeOfEachDiskAndPartition() throws Exception {
        SysfsFixture sys = new SysfsFixture(directory);
        UsbDevice drive = plugCruzer(sys);
        LinuxUsbEnforcer enforcer = new LinuxUsbEnforcer(HostRoot.of(directory));

        for (BlockDevice disk : drive.blockDevices()) {
            enforcer.setReadOnly(disk);
        }

        UsbDevice after = new SysfsUsbDevices(HostRoot.of(directory)).scan().devices().getFirst();
        assertTrue(after.blockDevices().stream().allMatch(BlockDevice::readOnly), after.blockDevices().toString());
    }

    @Test
    void aBlockDeviceNameThatIsNotAKernelNameIsRefused() {
        IOException error = assertThrows(IOException.class,
                () -> new LinuxUsbEnforcer(HostRoot.of(directory)).setReadOnly(new BlockDevice("../sda", "/sys/block/sda", false)));

        assertEquals("refusing to mark block device \"../sda\" read-only: not a kernel block device name", error.getMessage());
    }

    @Test
    void writingToADeviceUnpluggedSinceItWasReadSaysItIsGone() {
        SysfsFixture sys = new SysfsFixture(directory);
        UsbDevice drive = plugCruzer(sys);
        sys.remove("1-2");

        UsbDeviceGoneException gone = assertThrows(UsbDeviceGoneException.class,
                () -> new LinuxUsbEnforcer(HostRoot.of(directory)).setAuthorized(drive, false));

        assertEquals("device 1-2 was unplugged before the action", gone.getMessage());
    }
}
