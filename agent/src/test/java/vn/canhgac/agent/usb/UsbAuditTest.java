package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.cli.AgentMain;

/** {@code canhgac-agent audit} end to end on fixture host roots: the command line, the policy file, the JSON an inspector gets. */
class UsbAuditTest {

    @TempDir
    Path directory;

    private Path root;
    private SysfsFixture sys;
    private Path policy;

    @BeforeEach
    void fixture() throws Exception {
        root = Files.createDirectories(directory.resolve("host"));
        sys = new SysfsFixture(root);
        policy = Files.writeString(directory.resolve("policy.yaml"),
                "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: so-noi-vu\n" + TestPolicies.ISSUED_DRIVE_ONLY);
    }

    /** Runs the command as an inspector would, returning what it printed. */
    private String audit(String format) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            int exit = AgentMain.commandLine().execute("audit", "--host-root", root.toString(), "--policy", policy.toString(),
                    "--format", format, "--role", "internal-workstation");
            assertEquals(0, exit);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private List<JsonNode> findings(String type) throws Exception {
        JsonNode report = new ObjectMapper().readTree(audit("json"));
        List<JsonNode> found = new ArrayList<>();
        report.get("findings").forEach(finding -> {
            if (finding.get("type").asText().equals(type)) {
                found.add(finding);
            }
        });
        return found;
    }

    private static Map<String, JsonNode> byBus(List<JsonNode> findings) {
        return findings.stream().filter(f -> f.get("connected").asBoolean())
                .collect(Collectors.toMap(f -> f.get("busPath").asText(), f -> f));
    }

    private static List<String> kinds(JsonNode finding) {
        return StreamSupport.stream(finding.get("kinds").spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void everyAcceptanceDeviceGetsItsKindsVerdictAndRule() throws Exception {
        UsbDevices.plugAcceptanceSet(sys);

        Map<String, JsonNode> usb = byBus(findings("usb"));

        assertEquals(9, usb.size());
        assertVerdict(usb.get("1-1"), "0781", "5567", List.of("storage"), "block", "usb.storage=block");
        assertVerdict(usb.get("1-2"), "0951", "1666", List.of("storage"), "allow", "usb.allow[0]");
        assertEquals("USB mã hóa cấp cho Văn phòng", usb.get("1-2").get("note").asText());
        assertEquals(UsbDevices.ISSUED_SERIAL, usb.get("1-2").get("serial").asText());
        assertVerdict(usb.get("1-8"), "0951", "1666", List.of("storage"), "block", "usb.storage=block");
        assertVerdict(usb.get("1-3"), "046d", "c31c", List.of("input"), "allow", "input-never-blocked");
        assertVerdict(usb.get("1-4"), "1a86", "e429", List.of("storage", "input"), "block", "usb.storage=block");
        assertVerdict(usb.get("1-5"), "04e8", "6860", List.of("phone"), "block", "usb.storage=block");
        assertVerdict(usb.get("1-6"), "0bda", "8153", List.of("network"), "allow", "not-storage");
        assertVerdict(usb.get("1-7"), "18d1", "4ee3", List.of("network"), "allow", "not-storage");
        assertVerdict(usb.get("usb1"), "1d6b", "0002", List.of("hub"), "allow", "hub-never-blocked");
        assertFalse(usb.get("1-1").has("history"), "no logs, no history");
        assertEquals("1", sys.read("1-1", "authorized"), "an audit changes nothing");
    }

    private static void assertVerdict(JsonNode finding, String vendorId, String productId, List<String> kinds, String verdict, String rule) {
        String which = finding.get("busPath").asText();
        assertEquals(vendorId, finding.get("vendorId").asText(), which);
        assertEquals(productId, finding.get("productId").asText(), which);
        assertEquals(kinds, kinds(finding), which);
        assertEquals(verdict, finding.get("verdict").asText(), which);
        assertEquals(rule, finding.get("rule").asText(), which);
    }

    @Test
    void pastStorageFromTheLogsIsListedWithHistoryAndConnectedDevicesCarryTheirs() throws Exception {
        SysfsFixture.write(root.resolve("etc/timezone"), "Asia/Ho_Chi_Minh");
        UsbDevices.sandiskCruzer(sys, "1-1");
        KernelLogs.write(root, "/var/log/kern.log", KernelLogs.storageConnection("Nov 20 09:14:03", "Nov 20 09:20:11", "1-2", "0781", "5567",
                "SanDisk", "Cruzer Blade", "4C530001230527106384")
                + KernelLogs.storageConnection("Nov 21 10:00:00", "Nov 21 10:05:00", "1-4", "0951", "1666", "Kingston", "DataTraveler 3.0",
                "0019E06B9C47F9A0"), Instant.parse("2026-11-22T03:00:00Z"));

        List<JsonNode> usb = findings("usb");

        JsonNode connected = byBus(usb).get("1-1");
        assertEquals("2026-11-20T09:14:03+07:00", connected.get("history").get("firstSeen").asText());
        JsonNode past = usb.stream().filter(f -> !f.get("connected").asBoolean()).findFirst().orElseThrow();
        assertEquals("0951", past.get("vendorId").asText());
        assertEquals("0019E06B9C47F9A0", past.get("serial").asText());
        assertEquals(List.of("storage"), kinds(past));
        assertEquals("block", past.get("verdict").asText(), "the policy's verdict on it, had it been connected");
        assertEquals("2026-11-21T10:00:00+07:00", past.get("history").get("lastSeen").asText());
        assertEquals(1, past.get("history").get("connections").asInt());
        assertEquals("/var/log/kern.log", past.get("history").get("sources").get(0).asText());
        assertFalse(past.has("authorized"));

        JsonNode sources = findings("usb-history").getFirst();
        assertEquals("/var/log/kern.log", sources.get("read").get(0).get("path").asText());
        assertEquals("Asia/Ho_Chi_Minh (/etc/timezone)", sources.get("timeZone").asText());
    }

    @Test
    void corruptFixturesGiveErrorFindingsAndTheAuditGoesOn() throws Exception {
        sys.device("1-1", "zz!!", "5567").plug();
        sys.device("1-2", "0781", "5567").without("idProduct").plug();
        sys.device("1-3", "0781", "5567").without("authorized").iface(0x08, 0x06, 0x50, null).plug();
        Files.createDirectory(sys.attribute("1-3", "authorized"));
        UsbDevices.logitechKeyboard(sys, "1-4");
        Files.write(Files.createDirectories(root.resolve("var/log")).resolve("syslog.2.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});

        List<String> errors = findings("error").stream().map(e -> e.get("path").asText()).toList();
        Map<String, JsonNode> usb = byBus(findings("usb"));

        assertEquals(List.of("/sys/bus/usb/devices/1-1/idVendor", "/sys/bus/usb/devices/1-2/idProduct",
                "/sys/bus/usb/devices/1-3/authorized", "/var/log/syslog.2.gz"), errors);
        assertEquals(List.of("1-3", "1-4"), usb.keySet().stream().sorted().toList());
        assertEquals("block", usb.get("1-3").get("verdict").asText());
    }

    @Test
    void aHostRootWithoutUsbSaysSoInsteadOfLookingClean() throws Exception {
        Files.delete(root.resolve("sys/bus/usb/devices"));

        List<JsonNode> errors = findings("error");

        assertEquals("/sys/bus/usb/devices", errors.getFirst().get("path").asText());
        assertTrue(errors.getFirst().get("message").asText().startsWith("no USB bus is visible here"));
        assertTrue(findings("usb-history").getFirst().get("read").isEmpty());
    }

    @Test
    void theTextFormatHasOneLineAPieceInAnInspectorsWords() {
        UsbDevices.sandiskCruzer(sys, "1-1");
        UsbDevices.kingston(sys, "1-2", UsbDevices.ISSUED_SERIAL);

        String text = audit("text");

        assertTrue(text.contains("USB     BLOCK     0781:5567 SanDisk Cruzer Blade serial 4C530001230527106384 [storage] on port 1-1,"
                + " rule usb.storage=block"), text);
        assertTrue(text.contains("USB     ALLOW     0951:1666 Kingston DataTraveler 3.0 serial 60A44C3FAE3CF1A0 [storage] on port 1-2,"
                + " rule usb.allow[0] (USB mã hóa cấp cho Văn phòng)"), text);
        assertTrue(text.contains("INFO    usb history: no kern.log*, syslog* or messages* under /var/log"), text);
        assertTrue(text.matches("(?s).*checked: [^\n]*\\busb\\b.*"), text);
    }
}
