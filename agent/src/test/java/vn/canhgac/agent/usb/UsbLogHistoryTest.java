package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.host.HostRoot;

class UsbLogHistoryTest {

    private static final Instant NOV_22 = Instant.parse("2026-11-22T03:00:00Z");
    private static final Instant NOV_08 = Instant.parse("2026-11-08T03:00:00Z");

    @TempDir
    Path root;

    private UsbLogHistory.Result read() {
        return new UsbLogHistory(HostRoot.of(root)).read();
    }

    private void timezone(String zone) {
        SysfsFixture.write(root.resolve("etc/timezone"), zone);
    }

    @Test
    void storageFromPlainAndGzippedLogsWithFirstAndLastSeenAndTheSameLineInTwoLogsCountedOnce() {
        timezone("Asia/Ho_Chi_Minh");
        String recent = KernelLogs.storageConnection("Nov 20 09:14:03", "Nov 20 09:20:11", "1-2", "0781", "5567", "SanDisk", "Cruzer Blade",
                "4C530001230527106384")
                + KernelLogs.keyboardConnection("Nov 21 08:00:00", "1-3");
        KernelLogs.write(root, "/var/log/kern.log", recent, NOV_22);
        KernelLogs.write(root, "/var/log/syslog", recent, NOV_22);
        KernelLogs.write(root, "/var/log/kern.log.2.gz", KernelLogs.storageConnection("Nov  2 14:00:00", "Nov  2 15:00:00", "1-1", "0781",
                "5567", "SanDisk", "Cruzer Blade", "4C530001230527106384"), NOV_08);

        UsbLogHistory.Result result = read();

        assertEquals(List.of(), result.problems());
        assertEquals(List.of(new UsbLogHistory.PastDevice("0781", "5567", "4C530001230527106384", "SanDisk", "Cruzer Blade",
                new UsbHistory(OffsetDateTime.parse("2026-11-02T14:00:00+07:00"), OffsetDateTime.parse("2026-11-20T09:14:03+07:00"), 2,
                        List.of("/var/log/kern.log", "/var/log/kern.log.2.gz", "/var/log/syslog")))), result.devices());
        assertEquals(List.of("/var/log/kern.log", "/var/log/kern.log.2.gz", "/var/log/syslog"),
                result.sources().stream().map(UsbLogHistory.LogSource::path).toList());
        assertEquals(new UsbLogHistory.LogSource("/var/log/kern.log.2.gz", 10, 1, false), result.sources().get(1));
        assertEquals("Asia/Ho_Chi_Minh (/etc/timezone)", result.timeZone());
    }

    @Test
    void aTraditionalTimestampTakesTheYearThatPutsItBeforeTheFilesLastWrite() {
        KernelLogs.write(root, "/var/log/kern.log.1", KernelLogs.storageConnection("Dec 31 23:59:00", "Jan  1 00:10:00", "1-2", "0951", "1666",
                "Kingston", "DataTraveler 3.0", "0019E06B9C47F9A0"), Instant.parse("2027-01-02T00:00:00Z"));

        UsbLogHistory.Result result = read();

        assertEquals(OffsetDateTime.parse("2026-12-31T23:59:00Z"), result.devices().getFirst().history().firstSeen());
        assertEquals("UTC (no /etc/timezone or /etc/localtime zone found; assumed)", result.timeZone());
    }

    @Test
    void rfc3339TimestampsAreTakenAsWritten() {
        KernelLogs.write(root, "/var/log/messages", KernelLogs.storageConnection("2026-11-19T08:00:01.123456+07:00",
                "2026-11-19T08:30:00.000000+07:00", "2-1", "0781", "5567", "SanDisk", "Cruzer Blade", "X1"), NOV_22);

        assertEquals(OffsetDateTime.parse("2026-11-19T08:00:01.123456+07:00"), read().devices().getFirst().history().lastSeen());
    }

    @Test
    void theZoneComesFromTheLocaltimeLinkWhenThereIsNoTimezoneFile() throws Exception {
        Files.createDirectories(root.resolve("usr/share/zoneinfo/Asia"));
        Files.writeString(root.resolve("usr/share/zoneinfo/Asia/Ho_Chi_Minh"), "TZif");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/localtime"), Path.of("/usr/share/zoneinfo/Asia/Ho_Chi_Minh"));

        assertEquals("Asia/Ho_Chi_Minh (/etc/localtime)", read().timeZone());
    }

    @Test
    void devicesWithoutStorageAndLinesFromOtherProgramsAreNotListed() {
        KernelLogs.write(root, "/var/log/kern.log", KernelLogs.keyboardConnection("Nov 21 08:00:00", "1-3")
                + "Nov 21 08:00:01 ubnd-xa-01 sudo: usb-storage 1-3:1.0: USB Mass Storage device detected\n", NOV_22);

        UsbLogHistory.Result result = read();

        assertEquals(List.of(), result.devices());
        assertEquals(1, result.sources().size());
    }

    @Test
    void aDriveWithoutSerialIsListedWithAnEmptySerial() {
        KernelLogs.write(root, "/var/log/kern.log", KernelLogs.storageConnection("Nov 20 09:14:03", "Nov 20 09:20:11", "1-2", "abcd", "1234",
                "Generic", "Flash Disk", null), NOV_22);

        assertEquals("", read().devices().getFirst().serial());
    }

    @Test
    void aCorruptGzipIsAProblemAndTheOtherLogsAreStillRead() throws Exception {
        KernelLogs.write(root, "/var/log/kern.log", KernelLogs.storageConnection("Nov 20 09:14:03", "Nov 20 09:20:11", "1-2", "0781", "5567",
                "SanDisk", "Cruzer Blade", "4C53"), NOV_22);
        Files.write(root.resolve("var/log/syslog.3.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});

        UsbLogHistory.Result result = read();

        assertEquals(1, result.devices().size());
        assertEquals("/var/log/syslog.3.gz", result.problems().getFirst().hostPath());
        assertTrue(result.problems().getFirst().message().startsWith("cannot read this log (corrupt gzip?): "),
                result.problems().getFirst().message());
        assertTrue(!result.problems().getFirst().message().contains(root.toString()), "host paths only");
    }

    @Test
    void aFileBeyondTheSizeLimitIsReadUpToItAndMarkedTruncated() {
        String connection = KernelLogs.storageConnection("Nov 20 09:14:03", "Nov 20 09:20:11", "1-2", "0781", "5567", "SanDisk",
                "Cruzer Blade", "4C53");
        KernelLogs.write(root, "/var/log/kern.log", connection + "x".repeat(10_000) + "\n" + connection.replace("0781", "0951"), NOV_22);

        UsbLogHistory.Result result = new UsbLogHistory(HostRoot.of(root), connection.length() + 100).read();

        assertEquals(List.of("0781"), result.devices().stream().map(UsbLogHistory.PastDevice::vendorId).toList());
        assertTrue(result.sources().getFirst().truncated());
    }

    @Test
    void aHugeLineWithoutBreaksIsCutNotHeldWhole() {
        String connection = KernelLogs.storageConnection("Nov 20 09:14:03", "Nov 20 09:20:11", "1-2", "0781", "5567", "SanDisk",
                "Cruzer Blade", "4C53");
        KernelLogs.write(root, "/var/log/kern.log", "y".repeat(3_000_000) + "\n" + connection, NOV_22);

        UsbLogHistory.Result result = read();

        assertEquals(1, result.devices().size());
        assertEquals(11, result.sources().getFirst().lines());
    }

    @Test
    void otherFilesInVarLogAreNotRead() {
        KernelLogs.write(root, "/var/log/auth.log", KernelLogs.storageConnection("Nov 20 09:14:03", "Nov 20 09:20:11", "1-2", "0781", "5567",
                "SanDisk", "Cruzer Blade", "4C53"), NOV_22);

        assertEquals(List.of(), read().sources());
    }
}
