package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.protocol.policy.SoftwarePolicy;
import vn.canhgac.protocol.policy.BuiltinDenyList;
import vn.canhgac.protocol.policy.SoftwareRules;

class BuiltinDenyListTest {

    @TempDir
    Path root;

    @Test
    void documentedListLoadsWithEveryToolTheIssueNames() {
        List<String> tools = BuiltinDenyList.tools().stream().map(BuiltinDenyList.Tool::tool).toList();
        for (String expected : List.of("UltraViewer", "AnyDesk", "TeamViewer", "RustDesk", "ScreenConnect (ConnectWise Control)", "Splashtop",
                "ToDesk", "Radmin", "Ammyy Admin", "VNC server", "LiteManager", "Chrome Remote Desktop", "Windows Remote Desktop")) {
            assertTrue(tools.contains(expected), expected + " is in " + tools);
        }
        BuiltinDenyList.tools().forEach(tool -> assertTrue(!tool.why().isBlank(), tool.tool() + " says why it is listed"));
    }

    @Test
    void flagsOnlyTheInjectedToolsAmongHundredsOfRealDebianPackages() {
        FixtureHost fixture = new FixtureHost(root);
        fixture.realDpkgStatus();
        SoftwareRules rules = SoftwareRules.compile(SoftwarePolicy.DEFAULT, BuiltinDenyList.tools(), Map.of());

        List<String> flagged = new DpkgSource(fixture.host()).read().items().stream()
                .filter(item -> rules.judge(SoftwareSubjects.of(item)).flagged()).map(SoftwareItem::name).sorted().toList();

        assertEquals(List.of("anydesk", "rustdesk", "teamviewer", "ultraviewer", "x11vnc"), flagged);
    }
}
