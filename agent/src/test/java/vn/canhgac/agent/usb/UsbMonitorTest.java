package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.RecordedEvents;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;

class UsbMonitorTest {

    @TempDir
    Path directory;

    private SysfsFixture sys;
    private final RecordedEvents events = new RecordedEvents();
    private final AtomicReference<Policy> policy = new AtomicReference<>(TestPolicies.policy(TestPolicies.ISSUED_DRIVE_ONLY));

    @BeforeEach
    void fixture() {
        sys = new SysfsFixture(directory);
    }

    private UsbMonitor monitor(Enforcement enforcement) {
        return monitor(enforcement, new LinuxUsbEnforcer(HostRoot.of(directory)));
    }

    private UsbMonitor monitor(Enforcement enforcement, UsbEnforcer enforcer) {
        return new UsbMonitor(new SysfsUsbDevices(HostRoot.of(directory)), enforcer, policy::get, events, enforcement);
    }

    @Test
    void anUnknownFlashDriveIsDeauthorisedAndIsAViolationWithItsIdentityRuleAndAction() {
        UsbDevices.sandiskCruzer(sys, "1-2");

        List<java.time.Duration> followUps = monitor(Enforcement.ENFORCE).look("startup");

        assertEquals("0", sys.read("1-2", "authorized"));
        RecordedEvents.Event violation = events.ofType("usb.violation").getFirst();
        assertEquals(EventSeverity.HIGH, violation.severity());
        assertEquals("0781", violation.get("vendorId"));
        assertEquals("5567", violation.get("productId"));
        assertEquals("4C530001230527106384", violation.get("serial"));
        assertEquals(List.of("storage"), violation.get("kinds"));
        assertEquals("block", violation.get("verdict"));
        assertEquals("usb.storage=block", violation.get("rule"));
        assertEquals("deauthorize", violation.get("action"));
        assertEquals("done", violation.get("outcome"));
        assertEquals("connected", violation.get("change"));
        assertEquals(UsbMonitor.FOLLOW_UP_LOOKS, followUps, "an arrival asks for follow-up looks");
    }

    @Test
    void reportOnlyNeverWritesAndSaysWhatItWouldHaveDone() {
        UsbDevices.sandiskCruzer(sys, "1-2");

        monitor(Enforcement.REPORT_ONLY).look("startup");

        assertEquals("1", sys.read("1-2", "authorized"));
        RecordedEvents.Event violation = events.ofType("usb.violation").getFirst();
        assertEquals("deauthorize", violation.get("action"));
        assertEquals("report-only", violation.get("outcome"));
    }

    @Test
    void theAcceptanceSetGetsItsVerdictsAndOnlyBlockedDevicesAreTouched() {
        UsbDevices.plugAcceptanceSet(sys);

        monitor(Enforcement.ENFORCE).look("startup");

        assertEquals(List.of("1-1", "1-4", "1-5", "1-8"), events.ofType("usb.violation").stream().map(e -> e.get("busPath")).sorted().toList());
        for (String blocked : List.of("1-1", "1-4", "1-5", "1-8")) {
            assertEquals("0", sys.read(blocked, "authorized"), blocked);
        }
        for (String allowed : List.of("usb1", "1-2", "1-3", "1-6", "1-7")) {
            assertEquals("1", sys.read(allowed, "authorized"), allowed);
        }
        RecordedEvents.Event issued = events.ofType("usb.connected").stream().filter(e -> e.get("busPath").equals("1-2")).findFirst().orElseThrow();
        assertEquals("usb.allow[0]", issued.get("rule"));
        assertEquals("USB mã hóa cấp cho Văn phòng", issued.get("note"));
        assertEquals("none", issued.get("action"));
        assertEquals("not-needed", issued.get("outcome"));
        RecordedEvents.Event ethernet = events.ofType("usb.connected").stream().filter(e -> e.get("busPath").equals("1-6")).findFirst().orElseThrow();
        assertEquals(List.of("network"), ethernet.get("kinds"));
        assertEquals(List.of("enx00e04c680001"), ethernet.get("networkInterfaces"));
    }

    @Test
    void underDefaultDenyAnAllowedKeyboardIsAuthorisedByTheAgent() {
        sys.device("1-3", "046d", "c31c").strings("Logitech", "USB Keyboard", null).unauthorized().iface(0x03, 0x01, 0x01, null).plug();

        monitor(Enforcement.ENFORCE).look("startup");

        assertEquals("1", sys.read("1-3", "authorized"));
        assertEquals("authorize", events.ofType("usb.connected").getFirst().get("action"));
    }

    @Test
    void aBlockThatFailsIsStillAViolationWithTheReasonAndIsNotRetriedOnEveryLook() throws IOException {
        sys.device("1-2", "0781", "5567").without("authorized").iface(0x08, 0x06, 0x50, null).plug();
        Files.createDirectory(sys.attribute("1-2", "authorized"));
        UsbMonitor monitor = monitor(Enforcement.ENFORCE);

        monitor.look("startup");
        monitor.look("safety-poll");
        monitor.look("safety-poll");

        RecordedEvents.Event violation = events.ofType("usb.violation").getFirst();
        assertEquals("failed", violation.get("outcome"));
        assertEquals("writing 0 to /sys/bus/usb/devices/1-2/authorized failed: Is a directory", violation.get("error"));
        assertEquals(List.of("usb.read_error", "usb.violation"), events.types(), "the unreadable authorized reported once, no retries");
    }

    @Test
    void aRePluggedDeviceIsRemovedAndJudgedAgainAndItsBlockReapplied() {
        UsbMonitor monitor = monitor(Enforcement.ENFORCE);
        UsbDevices.sandiskCruzer(sys, "1-2");
        monitor.look("startup");
        sys.remove("1-2");
        sys.device("1-2", "0781", "5567").strings("SanDisk", "Cruzer Blade", "4C530001230527106384").devnum(6)
                .iface(0x08, 0x06, 0x50, null).plug();

        monitor.look("hot-plug");

        assertEquals(List.of("usb.violation", "usb.disconnected", "usb.violation"), events.types());
        assertEquals("0", sys.read("1-2", "authorized"));
    }

    @Test
    void aRemovalIsAnEventWithTheDeviceAndItsVerdict() {
        UsbMonitor monitor = monitor(Enforcement.ENFORCE);
        UsbDevices.logitechKeyboard(sys, "1-3");
        monitor.look("startup");
        sys.remove("1-3");

        monitor.look("hot-plug");

        RecordedEvents.Event gone = events.ofType("usb.disconnected").getFirst();
        assertEquals("046d", gone.get("vendorId"));
        assertEquals("allow", gone.get("verdict"));
    }

    @Test
    void aBlockedDeviceAuthorisedAgainBySomeoneIsBlockedAgain() {
        UsbMonitor monitor = monitor(Enforcement.ENFORCE);
        UsbDevices.sandiskCruzer(sys, "1-2");
        monitor.look("startup");
        sys.write("1-2", "authorized", "1");

        monitor.look("safety-poll");

        assertEquals("0", sys.read("1-2", "authorized"));
        RecordedEvents.Event again = events.ofType("usb.enforcement").getFirst();
        assertEquals("authorized-again", again.get("change"));
        assertEquals("deauthorize", again.get("action"));
        assertEquals(EventSeverity.HIGH, again.severity());
    }

    @Test
    void readOnlyMarksTheDisksOfAnAuthorisedDrive() {
        policy.set(TestPolicies.policy("usb:\n  storage: read-only\n"));
        UsbDevices.sandiskCruzer(sys, "1-2");

        monitor(Enforcement.ENFORCE).look("startup");

        UsbDevice drive = new SysfsUsbDevices(HostRoot.of(directory)).scan().devices().getFirst();
        assertTrue(drive.blockDevices().stream().allMatch(BlockDevice::readOnly), drive.blockDevices().toString());
        assertEquals("1", sys.read("1-2", "authorized"));
        RecordedEvents.Event connected = events.ofType("usb.connected").getFirst();
        assertEquals("read-only", connected.get("verdict"));
        assertEquals("set-read-only", connected.get("action"));
        assertEquals(List.of("sdb", "sdb1"), connected.get("blockDevices"));
        assertEquals(EventSeverity.LOW, connected.severity());
    }

    @Test
    void readOnlyUnderDefaultDenyAuthorisesThenMarksTheDisksWhenTheyAppear() {
        policy.set(TestPolicies.policy("usb:\n  storage: read-only\n"));
        sys.device("1-2", "0781", "5567").unauthorized().descriptors(UsbDescriptorsTest.CRUZER).plug();
        UsbMonitor monitor = monitor(Enforcement.ENFORCE);
        monitor.look("startup");
        assertEquals("1", sys.read("1-2", "authorized"));
        // The kernel configures the device and usb-storage makes its disk.
        sys.write("1-2", "1-2:1.0/bInterfaceClass", "08");
        SysfsFixture.write(sys.deviceDirectory("1-2").resolve("1-2:1.0/host7/target7:0:0/7:0:0:0/block/sde/ro"), "0");

        monitor.look("follow-up");

        assertEquals("1", sys.read("1-2", "1-2:1.0/host7/target7:0:0/7:0:0:0/block/sde/ro"));
        RecordedEvents.Event marked = events.ofType("usb.enforcement").getFirst();
        assertEquals("disks-appeared", marked.get("change"));
        assertEquals("set-read-only", marked.get("action"));
        assertEquals("done", marked.get("outcome"));
    }

    @Test
    void aPolicyChangeIsAppliedToDevicesAlreadyConnected() {
        policy.set(TestPolicies.policy("usb:\n  storage: allow\n"));
        UsbMonitor monitor = monitor(Enforcement.ENFORCE);
        UsbDevices.sandiskCruzer(sys, "1-2");
        monitor.look("startup");
        assertEquals("1", sys.read("1-2", "authorized"));

        policy.set(TestPolicies.policy(TestPolicies.ISSUED_DRIVE_ONLY));
        monitor.look("safety-poll");

        assertEquals("0", sys.read("1-2", "authorized"));
        assertEquals("verdict-changed", events.ofType("usb.violation").getFirst().get("change"));
    }

    @Test
    void aPhoneWhoseMtpInterfaceAppearsLaterIsBlockedThen() {
        UsbMonitor monitor = monitor(Enforcement.ENFORCE);
        sys.device("1-5", "04e8", "6860").strings("SAMSUNG", "SAMSUNG_Android", "R58M12ABCDE").plug();
        monitor.look("hot-plug");
        assertEquals("1", sys.read("1-5", "authorized"), "no interfaces yet: nothing says storage");

        sys.write("1-5", "1-5:1.0/bInterfaceClass", "ff");
        sys.write("1-5", "1-5:1.0/interface", "MTP");
        monitor.look("follow-up");

        assertEquals("0", sys.read("1-5", "authorized"));
        assertEquals("verdict-changed", events.ofType("usb.violation").getFirst().get("change"));
    }

    @Test
    void aCorruptDeviceIsReportedOnceAndTheOthersAreStillJudged() {
        sys.device("1-1", "zz!!", "5567").plug();
        UsbDevices.sandiskCruzer(sys, "1-2");
        UsbMonitor monitor = monitor(Enforcement.ENFORCE);

        monitor.look("startup");
        monitor.look("safety-poll");

        assertEquals(1, events.ofType("usb.read_error").size());
        assertEquals("/sys/bus/usb/devices/1-1/idVendor", events.ofType("usb.read_error").getFirst().get("path"));
        assertEquals("0", sys.read("1-2", "authorized"));
    }

    @Test
    void onAnOsWithoutEnforcementTheEventSaysItWasUnavailable() {
        UsbDevices.sandiskCruzer(sys, "1-2");

        monitor(Enforcement.ENFORCE, new ReportingOnlyUsbEnforcer("Windows 11")).look("startup");

        RecordedEvents.Event violation = events.ofType("usb.violation").getFirst();
        assertEquals("unavailable", violation.get("outcome"));
        assertEquals("USB enforcement is not available on Windows 11 yet: devices are reported, not blocked or made read-only",
                violation.get("error"));
        assertEquals("1", sys.read("1-2", "authorized"));
    }

    @Test
    void anEventSinkThatThrowsDoesNotStopTheLook() {
        UsbDevices.sandiskCruzer(sys, "1-1");
        UsbDevices.sandiskCruzer(sys, "1-2");
        UsbMonitor monitor = new UsbMonitor(new SysfsUsbDevices(HostRoot.of(directory)), new LinuxUsbEnforcer(HostRoot.of(directory)),
                policy::get, (type, severity, details) -> {
                    throw new IllegalStateException("outbox full");
                }, Enforcement.ENFORCE);

        monitor.look("startup");

        assertEquals("0", sys.read("1-1", "authorized"));
        assertEquals("0", sys.read("1-2", "authorized"));
    }

    @Test
    void aRealSizedPayloadStaysFarBelowTheProtocolLimit() throws Exception {
        sys.device("1-2", "0781", "5567").strings("M".repeat(2000), "P".repeat(2000), "S".repeat(300)).iface(0x08, 0x06, 0x50, "I".repeat(2000))
                .plug();

        monitor(Enforcement.ENFORCE).look("startup");

        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(events.all().getFirst().details());
        assertTrue(json.length() < 8 * 1024, "payload " + json.length() + " bytes");
        assertEquals(Optional.empty(), Optional.ofNullable(events.all().getFirst().get("error")));
    }

    @Test
    void aDeviceUnpluggedBeforeItCouldBeBlockedIsStillAViolationWithOutcomeGone() {
        UsbDevices.sandiskCruzer(sys, "1-2");
        UsbEnforcer unpluggedMeanwhile = new UsbEnforcer() {
            @Override
            public Optional<String> unavailable() {
                return Optional.empty();
            }

            @Override
            public void setAuthorized(UsbDevice device, boolean authorized) throws IOException {
                throw new UsbDeviceGoneException(device.busPath());
            }

            @Override
            public void setReadOnly(BlockDevice device) {
                throw new AssertionError("not asked for");
            }
        };

        monitor(Enforcement.ENFORCE, unpluggedMeanwhile).look("hot-plug");

        RecordedEvents.Event violation = events.ofType("usb.violation").getFirst();
        assertEquals("gone", violation.get("outcome"));
        assertEquals(null, violation.get("error"));
    }
}
