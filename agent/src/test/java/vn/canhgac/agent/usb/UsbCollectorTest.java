package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.RecordedEvents;
import vn.canhgac.agent.collect.CollectorContext;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.agent.collect.ServerCommands;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Roles;

/**
 * The collector with its threads on a fixture host root. The safety poll is an hour, so what
 * happens within the wait limit was started by inotify; the limits are generous because these
 * tests wait for threads, they do not time them.
 */
class UsbCollectorTest {

    private static final Duration NO_POLL = Duration.ofHours(1);
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final RecordedEvents events = new RecordedEvents();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private UsbCollector collector;

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
        scheduler.shutdownNow();
    }

    private void start(UsbPlatform platform) throws IOException {
        collector = new UsbCollector(root -> platform);
        collector.start(new CollectorContext(HostRoot.of(directory), () -> TestPolicies.policy(TestPolicies.ISSUED_DRIVE_ONLY),
                Roles.INTERNAL_WORKSTATION, events, scheduler, Clock.systemUTC(), Enforcement.ENFORCE, new ServerCommands(),
                new ConnectivityBoard(), directory.resolve("state")));
    }

    @Test
    void aDriveLinkedIntoSysfsWhileRunningIsBlockedAndItsRemovalRecorded() throws Exception {
        SysfsFixture sys = new SysfsFixture(directory);
        UsbDevices.logitechKeyboard(sys, "1-3");
        start(UsbPlatform.linux(HostRoot.of(directory), NO_POLL));
        events.await("usb.connected", 1, LIMIT);

        UsbDevices.sandiskCruzer(sys, "1-2");

        RecordedEvents.Event violation = events.await("usb.violation", 1, LIMIT);
        assertEquals("1-2", violation.get("busPath"));
        assertEquals("0", sys.read("1-2", "authorized"));

        sys.remove("1-2");

        assertEquals("0781", events.await("usb.disconnected", 1, LIMIT).get("vendorId"));
    }

    @Test
    void aDeviceNodeInDevBusUsbWakesTheMonitorEvenOnABusThatAppearedLater() throws Exception {
        SysfsFixture sys = new SysfsFixture(directory);
        Path devBusUsb = Files.createDirectories(directory.resolve("dev/bus/usb/001"));
        UsbPlatform devOnly = new UsbPlatform(new SysfsUsbDevices(HostRoot.of(directory)), new LinuxUsbEnforcer(HostRoot.of(directory)),
                List.of(), List.of(UsbPlatform.DEV_BUS_USB), NO_POLL);
        start(devOnly);

        UsbDevices.logitechKeyboard(sys, "1-3");
        Files.createFile(devBusUsb.resolve("004"));
        events.await("usb.connected", 1, LIMIT);

        UsbDevices.rootHub(sys);
        Files.createDirectories(directory.resolve("dev/bus/usb/002"));
        events.await("usb.connected", 2, LIMIT);
        UsbDevices.sandiskCruzer(sys, "2-1");
        Files.createFile(directory.resolve("dev/bus/usb/002/002"));

        assertEquals("2-1", events.await("usb.violation", 1, LIMIT).get("busPath"));
    }

    @Test
    void aLookThatThrowsIsContainedAndTheNextLookStillRuns() throws Exception {
        SysfsFixture sys = new SysfsFixture(directory);
        AtomicInteger looks = new AtomicInteger();
        SysfsUsbDevices real = new SysfsUsbDevices(HostRoot.of(directory));
        UsbDeviceSource failingOnce = new UsbDeviceSource() {
            @Override
            public UsbScan scan() {
                if (looks.incrementAndGet() == 1) {
                    throw new IllegalStateException("simulated failure");
                }
                return real.scan();
            }

            @Override
            public String describe() {
                return "failing once";
            }
        };
        start(new UsbPlatform(failingOnce, new LinuxUsbEnforcer(HostRoot.of(directory)), List.of(SysfsUsbDevices.DEVICES), List.of(), NO_POLL));

        UsbDevices.sandiskCruzer(sys, "1-2");

        events.await("usb.violation", 1, LIMIT);
        assertEquals("0", sys.read("1-2", "authorized"));
    }

    @Test
    void aHostWithoutUsbRunsItsLooksAndRecordsNothing() throws Exception {
        CountDownLatch threeLooks = new CountDownLatch(3);
        SysfsUsbDevices real = new SysfsUsbDevices(HostRoot.of(directory));
        UsbDeviceSource counting = new UsbDeviceSource() {
            @Override
            public UsbScan scan() {
                UsbScan scan = real.scan();
                threeLooks.countDown();
                return scan;
            }

            @Override
            public String describe() {
                return "counting";
            }
        };
        start(new UsbPlatform(counting, new LinuxUsbEnforcer(HostRoot.of(directory)), List.of(SysfsUsbDevices.DEVICES), List.of(),
                Duration.ofMillis(20)));

        assertTrue(threeLooks.await(LIMIT.toSeconds(), TimeUnit.SECONDS), "the safety poll keeps looking");
        assertEquals(List.of(), events.types(), "no bus is not an error to report in run mode");
    }

    @Test
    void closeReturnsOnlyOnceTheLookThreadHasStoppedSoNothingIsRecordedAfterIt() throws Exception {
        SysfsFixture sys = new SysfsFixture(directory);
        for (int i = 1; i <= 20; i++) {
            UsbDevices.logitechKeyboard(sys, "1-" + i);
        }
        start(UsbPlatform.linux(HostRoot.of(directory), Duration.ofMillis(1)));
        events.await("usb.connected", 20, LIMIT);

        collector.close();
        collector = null;

        assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("usb-") && thread.isAlive()).map(Thread::getName).toList());
        assertEquals(20, events.all().size(), "looks ran back to back; none was cut short: " + events.types());
    }
}
