package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.policy.SoftwarePolicy;
import vn.canhgac.protocol.policy.BuiltinDenyList;
import vn.canhgac.protocol.policy.SoftwareRules;

class WindowsRegistrySourceTest {

    /** Hands out fixture exports by key, as reg.exe would on a Windows machine. */
    private static WindowsRegistrySource.RegistryExporter exports(Map<String, String> resources) {
        return key -> Optional.ofNullable(resources.get(key)).map(resource -> {
            InputStream in = WindowsRegistrySourceTest.class.getResourceAsStream("/software/windows/" + resource);
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in;
        });
    }

    private static Map<String, String> uninstallOnly() {
        Map<String, String> exports = new HashMap<>();
        exports.put(WindowsRegistrySource.UNINSTALL, "uninstall-64.reg");
        exports.put(WindowsRegistrySource.UNINSTALL_32, "uninstall-32.reg");
        return exports;
    }

    private static Map<String, SoftwareItem> byName(SourceInventory inventory) {
        return inventory.items().stream().collect(Collectors.toMap(SoftwareItem::name, Function.identity()));
    }

    @Test
    void programsComeFromBothUninstallViewsWithVersionPublisherDateAndLocation() {
        SourceInventory inventory = new WindowsRegistrySource(exports(uninstallOnly())).read();

        Map<String, SoftwareItem> items = byName(inventory);
        assertEquals(List.of("7-Zip 23.01 (x64)", "AnyDesk", "Google Chrome", "TeamViewer", "UltraViewer version 6.6.50", "Unikey 4.6 RC2", "Zalo"),
                items.keySet().stream().sorted().toList());
        SoftwareItem anydesk = items.get("AnyDesk");
        assertEquals("ad 8.0.8", anydesk.version());
        assertEquals("AnyDesk Software GmbH", anydesk.publisher());
        assertEquals(Instant.parse("2024-01-15T00:00:00Z"), anydesk.installedAt());
        assertEquals("C:\\Program Files (x86)\\AnyDesk", anydesk.path(), "quotes around the location are dropped");
        assertEquals("windows-registry", anydesk.source());
        assertEquals("64/AnyDesk", anydesk.id());
        assertEquals("32/TeamViewer", items.get("TeamViewer").id());
        assertNull(items.get("TeamViewer").installedAt(), "\"not a date\" is not a date");
    }

    @Test
    void brokenValueLineIsAProblemNamingItsLine() {
        SourceInventory inventory = new WindowsRegistrySource(exports(uninstallOnly())).read();
        assertFalse(inventory.complete());
        assertEquals(1, inventory.problems().size(), inventory.problems().toString());
        assertTrue(inventory.problems().getFirst().message().startsWith("line 13: a quoted string is not closed"),
                inventory.problems().toString());
    }

    @Test
    void builtinListFlagsTheRemoteControlProgramsByDisplayNameOrPublisher() {
        SoftwareRules rules = SoftwareRules.compile(SoftwarePolicy.DEFAULT, BuiltinDenyList.tools(), Map.of());
        List<String> flagged = new WindowsRegistrySource(exports(uninstallOnly())).read().items().stream()
                .filter(item -> rules.judge(SoftwareSubjects.of(item)).flagged()).map(SoftwareItem::name).sorted().toList();
        assertEquals(List.of("AnyDesk", "TeamViewer", "UltraViewer version 6.6.50"), flagged);
    }

    @Test
    void enabledRemoteDesktopShowsAsAnItemTheBuiltinListFlags() {
        Map<String, String> exports = uninstallOnly();
        exports.put(WindowsRegistrySource.TERMINAL_SERVER, "terminal-server-enabled.reg");

        SoftwareItem rdp = byName(new WindowsRegistrySource(exports(exports)).read()).get(WindowsRegistrySource.REMOTE_DESKTOP);

        assertEquals("enabled", rdp.version());
        SoftwareRules rules = SoftwareRules.compile(SoftwarePolicy.DEFAULT, BuiltinDenyList.tools(), Map.of());
        assertEquals("builtin:Windows Remote Desktop", rules.judge(SoftwareSubjects.of(rdp)).rule());
    }

    @Test
    void groupPolicyDenyingRemoteDesktopWinsOverTheLocalSetting() {
        Map<String, String> exports = uninstallOnly();
        exports.put(WindowsRegistrySource.TERMINAL_SERVER, "terminal-server-enabled.reg");
        exports.put(WindowsRegistrySource.TERMINAL_SERVICES_POLICY, "terminal-services-policy-deny.reg");
        assertFalse(byName(new WindowsRegistrySource(exports(exports)).read()).containsKey(WindowsRegistrySource.REMOTE_DESKTOP));
    }

    @Test
    void expandStringValuesAreDecodedFromTheirUtf16Bytes() throws Exception {
        List<RegFile.Key> keys = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/software/windows/uninstall-64.reg")) {
            RegFile.parse(in, keys::add);
        }
        RegFile.Key anydesk = keys.stream().filter(key -> key.path().endsWith("\\AnyDesk")).findFirst().orElseThrow();
        assertEquals("\"%ProgramFiles(x86)%\\AnyDesk\\AnyDesk.exe\" --uninstall", anydesk.string("uninstallstring"));
        RegFile.Key sevenZip = keys.stream().filter(key -> key.path().endsWith("\\7-Zip")).findFirst().orElseThrow();
        assertEquals(0x15a4L, sevenZip.dword("EstimatedSize"));
    }

    @Test
    void fileThatIsNotARegistryExportIsOneProblem() throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0};
        List<String> problems = RegFile.parse(new ByteArrayInputStream(elf), key -> { });
        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().startsWith("not a registry export"));
    }

    @Test
    void regedit4ExportInEightBitTextIsReadToo() throws Exception {
        String export = "REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Old]\n\"DisplayName\"=\"Old Tool\"\n";
        List<RegFile.Key> keys = new ArrayList<>();
        assertEquals(List.of(), RegFile.parse(new ByteArrayInputStream(export.getBytes(StandardCharsets.US_ASCII)), keys::add));
        assertEquals("Old Tool", keys.getFirst().string("DisplayName"));
    }

    @Test
    void missingKeysMeanNothingInstalledAndRemoteDesktopOff() {
        SourceInventory inventory = new WindowsRegistrySource(key -> Optional.empty()).read();
        assertTrue(inventory.items().isEmpty());
        assertTrue(inventory.complete());
    }
}
