package vn.canhgac.protocol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

    private static final String HEADER = "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n";

    private static Policy parse(String yaml) {
        return PolicyParser.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theExampleInPolicyMdParsesWithEveryKeyUnderstood() throws Exception {
        Policy policy = PolicyParser.read(Path.of(getClass().getResource("/policy/policy-md-example.yaml").toURI()));
        assertEquals("so-noi-vu-co-ban", policy.metadata().name());
        assertEquals("Chính sách cơ bản cho Sở Nội vụ", policy.metadata().description());
        assertEquals(UsbPolicy.StorageAction.BLOCK, policy.usb().storage());
        UsbPolicy.AllowedDevice drive = policy.usb().allow().getFirst();
        assertEquals("0951", drive.vendorId());
        assertEquals(Optional.of("60A44C3FAE3CF1A0"), drive.serial());
        assertEquals(4, policy.software().deny().size());
        assertEquals(SoftwarePolicy.Rule.Kind.SHA256, policy.software().deny().get(3).kind());
        assertEquals("name:libreoffice*", policy.software().allow().getFirst().describe());
        assertEquals(2, policy.secretDrafting().internalNetworks().size());
        assertEquals(List.of("tcp:203.0.113.10:443", "https:https://canary.example.gov.vn/health"),
                policy.secretDrafting().probes().stream().map(SecretDraftingPolicy.Probe::describe).toList());
        assertEquals(List.of("/home", "/root"), policy.documents().roots());
        assertEquals(200, policy.documents().maxFileSizeMb());
        assertFalse(policy.documents().revealPaths());
    }

    @Test
    void omittedSectionsTakeTheDocumentedDefaults() {
        Policy policy = parse(HEADER);
        assertEquals(UsbPolicy.StorageAction.BLOCK, policy.usb().storage());
        assertEquals(UsbPolicy.PhoneRule.STORAGE, policy.usb().phones());
        assertEquals(SoftwarePolicy.Mode.DENY_LIST, policy.software().mode());
        assertTrue(policy.software().builtinRemoteControlDenyList());
        assertEquals(SoftwarePolicy.Action.ALERT, policy.software().action());
        assertEquals(SecretDraftingPolicy.InternetAction.ALERT, policy.secretDrafting().internetAction());
        assertFalse(policy.secretDrafting().allowDefaultRoute());
        assertTrue(policy.documents().scan());
    }

    @Test
    void misspelledValueNamesTheLineTheFieldAndTheChoices() {
        PolicyException error = assertThrows(PolicyException.class, () -> parse(HEADER + "usb:\n  storage: blok\n"));
        assertEquals(6, error.line());
        assertEquals("usb.storage", error.field());
        assertEquals("policy.yaml line 6: usb.storage must be one of block, read-only, allow (got \"blok\")", error.getMessage());
    }

    @Test
    void unknownKeyIsAnErrorNotIgnored() {
        PolicyException error = assertThrows(PolicyException.class, () -> parse(HEADER + "usb:\n  storge: allow\n"));
        assertEquals(6, error.line());
        assertTrue(error.getMessage().contains("unknown key \"storge\""), error.getMessage());
        assertTrue(error.getMessage().contains("storage"), "lists the known keys: " + error.getMessage());
    }

    @Test
    void duplicateKeyIsAnError() {
        PolicyException error = assertThrows(PolicyException.class, () -> parse(HEADER + "usb:\n  storage: allow\n  storage: block\n"));
        assertTrue(error.getMessage().contains("storage"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "usb:\\n  allow:\\n    - vendorId: \"95\"\\n      productId: \"1666\"\\n | usb.allow[0].vendorId | 4 hex digits",
        "usb:\\n  allow:\\n    - productId: \"1666\"\\n | usb.allow[0] | vendorId",
        "software:\\n  deny:\\n    - name: a\\n      sha256: b\\n | software.deny[0] | exactly one of",
        "software:\\n  deny:\\n    - sha256: abc\\n | software.deny[0] | 64 hex digits",
        "software:\\n  action: delete\\n | software.action | alert, kill",
        "secretDrafting:\\n  internalNetworks: [\"10.0.0.0/33\"]\\n | secretDrafting.internalNetworks | prefix length",
        "secretDrafting:\\n  probes:\\n    - tcp: \"192.0.2.1\"\\n | secretDrafting.probes[0] | HOST:PORT",
        "secretDrafting:\\n  probes:\\n    - https: \"http://192.0.2.1/\"\\n | secretDrafting.probes[0] | https://",
        "documents:\\n  roots: [\"home\"]\\n | documents.roots | absolute",
        "documents:\\n  maxFileSizeMb: 0\\n | documents.maxFileSizeMb | 1..4096",
        "documents:\\n  scan: maybe\\n | documents.scan | wrong type",
    })
    void invalidFieldIsNamedWithItsPath(String section, String field, String reason) {
        PolicyException error = assertThrows(PolicyException.class, () -> parse(HEADER + section.replace("\\n", "\n")));
        assertTrue(error.field().startsWith(field), "field " + error.field() + " in " + error.getMessage());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertTrue(error.line() > 4, "line given: " + error.getMessage());
    }

    @Test
    void wrongApiVersionIsRefused() {
        PolicyException error = assertThrows(PolicyException.class,
                () -> parse("apiVersion: canhgac/v2\nkind: Policy\nmetadata:\n  name: x\n"));
        assertTrue(error.getMessage().contains("canhgac/v1"), error.getMessage());
    }

    @Test
    void notYamlIsRefusedWithALine() {
        PolicyException error = assertThrows(PolicyException.class, () -> parse(HEADER + "usb:\n\tstorage: block\n"));
        assertTrue(error.getMessage().contains("not valid YAML"), error.getMessage());
    }

    @Test
    void binaryIsRefusedAsNotText() {
        PolicyException error = assertThrows(PolicyException.class,
                () -> PolicyParser.parse("policy.yaml", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));
        assertTrue(error.getMessage().contains("UTF-8"), error.getMessage());
    }

    @Test
    void emptyDocumentIsRefused() {
        assertThrows(PolicyException.class, () -> parse(""));
    }

    @Test
    void cidrContainment() throws Exception {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.contains(InetAddress.getByName("10.200.1.1")));
        assertFalse(ten.contains(InetAddress.getByName("192.0.2.1")));
        assertFalse(ten.contains(InetAddress.getByName("::1")));
        assertTrue(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1")));
    }
}
