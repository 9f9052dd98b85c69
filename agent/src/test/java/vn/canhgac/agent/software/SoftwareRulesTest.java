package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.SoftwarePolicy;
import vn.canhgac.protocol.policy.SoftwareRules.Basis;
import vn.canhgac.protocol.policy.SoftwareRules.Decision;
import vn.canhgac.protocol.policy.SoftwareRules.Subject;
import vn.canhgac.protocol.policy.SoftwareRules.Verdict;
import vn.canhgac.protocol.policy.BuiltinDenyList;
import vn.canhgac.protocol.policy.SoftwareRules;

class SoftwareRulesTest {

    static final String BAD_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String IOC_HASH = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    static SoftwarePolicy policy(String softwareSection) {
        String yaml = "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n" + softwareSection;
        return PolicyParser.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8)).software();
    }

    static SoftwareRules rules(String softwareSection) {
        return SoftwareRules.compile(policy(softwareSection), BuiltinDenyList.tools(), Map.of(IOC_HASH, "ioc:vncert.txt"));
    }

    static Subject pkg(String name, String publisher) {
        return SoftwareSubjects.of(new SoftwareItem("dpkg", null, name, "1.0", publisher, null, null));
    }

    static Subject process(String name, String path, String sha256) {
        return SoftwareSubjects.of(new RunningProgram(100, 1, "an", List.of(name), name, path, sha256));
    }

    @Test
    void builtinListFlagsEveryRemoteControlToolTheIssueNames() {
        SoftwareRules rules = rules("");
        for (String name : List.of("ultraviewer", "anydesk", "teamviewer", "rustdesk", "ScreenConnect.ClientService.exe", "splashtop-streamer",
                "ToDesk", "Radmin Server 3.5", "AMMYY_Admin.exe", "x11vnc", "tigervnc-standalone-server", "LiteManager Pro - Server",
                "chrome-remote-desktop", "Windows Remote Desktop")) {
            Decision decision = rules.judge(pkg(name, null));
            assertEquals(Verdict.ALERT, decision.verdict(), name);
            assertEquals(Basis.REMOTE_CONTROL_TOOL, decision.basis(), name);
            assertTrue(decision.rule().startsWith("builtin:"), decision.rule());
        }
    }

    @Test
    void builtinListLeavesViewersLibrariesAndDesktopSharingAlone() {
        SoftwareRules rules = rules("");
        for (String name : List.of("tigervnc-viewer", "libvncserver1:amd64", "libvncclient1", "gnome-remote-desktop", "remmina", "krfb",
                "openssh-server", "vinagre")) {
            assertEquals(Verdict.ALLOW, rules.judge(pkg(name, null)).verdict(), name);
        }
    }

    @Test
    void builtinListMatchesByPublisherAndIgnoresTheMaintainersEmail() {
        Decision decision = rules("").judge(pkg("remote-helper", "AnyDesk Software GmbH <info@anydesk.com>"));
        assertEquals("builtin:AnyDesk", decision.rule());
    }

    @Test
    void builtinListMatchesFlatpakIds() {
        assertEquals("builtin:RustDesk", rules("").judge(pkg("com.rustdesk.RustDesk", null)).rule());
    }

    @Test
    void namePatternsIgnoreCaseAndDpkgArchitectureQualifiers() {
        SoftwareRules rules = rules("software:\n  deny:\n    - name: \"Zoom*\"\n");
        assertEquals("name:Zoom*", rules.judge(pkg("zoom:amd64", null)).rule());
        assertEquals("name:Zoom*", rules.judge(pkg("ZOOM-client", null)).rule());
    }

    @Test
    void policyCanSwitchTheBuiltinListOff() {
        assertEquals(Verdict.ALLOW, rules("software:\n  builtinRemoteControlDenyList: false\n").judge(pkg("anydesk", null)).verdict());
    }

    @Test
    void allowRuleExcusesOneBuiltinTool() {
        SoftwareRules rules = rules("software:\n  allow:\n    - name: \"xrdp*\"\n");
        Decision xrdp = rules.judge(pkg("xrdp", null));
        assertEquals(Verdict.ALLOW, xrdp.verdict());
        assertEquals("name:xrdp*", xrdp.rule());
        assertEquals(Verdict.ALERT, rules.judge(pkg("anydesk", null)).verdict());
    }

    @Test
    void pathRuleFlagsProgramsRunFromDownloads() {
        SoftwareRules rules = rules("software:\n  deny:\n    - path: \"/home/*/Downloads/*\"\n");
        Decision decision = rules.judge(process("innocent-name", "/home/an/Downloads/innocent-name", null));
        assertEquals("path:/home/*/Downloads/*", decision.rule());
        assertEquals(Basis.DENY_RULE, decision.basis());
        assertEquals(Verdict.ALLOW, rules.judge(process("bash", "/usr/bin/bash", null)).verdict());
    }

    @Test
    void knownBadHashIsFlaggedWhateverTheNameAndIsNeverExcused() {
        SoftwareRules rules = rules("software:\n  deny:\n    - sha256: \"" + BAD_HASH.toUpperCase() + "\"\n  allow:\n    - name: \"*\"\n");
        Decision policyHash = rules.judge(process("update-helper", "/tmp/update-helper", BAD_HASH));
        assertEquals("sha256:" + BAD_HASH, policyHash.rule());
        assertEquals(Basis.KNOWN_BAD_HASH, policyHash.basis());
        Decision iocHash = rules.judge(process("libreoffice", "/opt/libreoffice", IOC_HASH));
        assertEquals("ioc:vncert.txt", iocHash.rule());
        assertEquals(Verdict.ALLOW, rules.judge(process("libreoffice", "/opt/libreoffice", "00".repeat(32))).verdict());
    }

    @Test
    void allowListModeFlagsEverythingNotListed() {
        SoftwareRules rules = rules("software:\n  mode: allow-list\n  allow:\n    - name: \"libreoffice*\"\n    - publisher: \"Debian*\"\n");
        assertEquals(Verdict.ALLOW, rules.judge(pkg("libreoffice-writer", null)).verdict());
        assertEquals(Verdict.ALLOW, rules.judge(pkg("coreutils", "Debian Coreutils Team <x@example.org>")).verdict());
        Decision unlisted = rules.judge(pkg("zalo", "VNG Corp."));
        assertEquals(Verdict.ALERT, unlisted.verdict());
        assertEquals("allow-list", unlisted.rule());
        assertEquals(Basis.NOT_IN_ALLOW_LIST, unlisted.basis());
    }

    @Test
    void killAppliesToDeniedRunningProcessesOnly() {
        SoftwareRules rules = rules("software:\n  action: kill\n");
        assertEquals(Verdict.KILL, rules.judge(process("AnyDesk", "/home/an/Downloads/AnyDesk", null)).verdict());
        assertEquals(Verdict.ALERT, rules.judge(pkg("anydesk", null)).verdict(), "the agent never uninstalls");
    }

    @Test
    void killNeverAppliesToProcessesThatAreMerelyNotOnTheAllowList() {
        SoftwareRules rules = rules("software:\n  mode: allow-list\n  action: kill\n  allow:\n    - name: \"libreoffice*\"\n");
        Decision sshd = rules.judge(process("sshd", "/usr/sbin/sshd", null));
        assertTrue(sshd.flagged());
        assertEquals(Verdict.ALERT, sshd.verdict());
        assertEquals(Verdict.KILL, rules.judge(process("anydesk", "/tmp/anydesk", null)).verdict());
    }

}
