package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.agent.audit.Audit;
import vn.canhgac.agent.audit.AuditContext;
import vn.canhgac.agent.audit.AuditReport;
import vn.canhgac.agent.collect.ConnectivityBoard;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;
import vn.canhgac.protocol.policy.Roles;

class SoftwareAuditSourceTest {

    static final byte[] PORTABLE_TOOL = "\u007fELF remote tool renamed to look harmless".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private FixtureHost machine() {
        FixtureHost fixture = new FixtureHost(root);
        fixture.realDpkgStatus();
        fixture.passwd("root:x:0:0:root:/root:/bin/bash", "an:x:1000:1000::/home/an:/bin/bash");
        fixture.write("/usr/bin/bash", "bash");
        fixture.process(700, 1000, 11, "/usr/bin/bash", "-bash");
        fixture.write("/home/an/Downloads/AnyDesk", ProcessScannerTest.ANYDESK);
        fixture.process(4242, 1000, 12, "/home/an/Downloads/AnyDesk", "/home/an/Downloads/AnyDesk", "--tray");
        fixture.write("/home/an/.cache/update-helper", PORTABLE_TOOL);
        fixture.process(4243, 1000, 13, "/home/an/.cache/update-helper", "/home/an/.cache/update-helper");
        return fixture;
    }

    private static Policy policy(String software) {
        String yaml = "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n" + software;
        return PolicyParser.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode audit(FixtureHost fixture, Policy policy, List<Path> iocLists) throws Exception {
        AuditContext context = new AuditContext(fixture.host(), policy, Roles.INTERNAL_WORKSTATION, Optional.empty(),
                Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC), new ConnectivityBoard(), Optional.empty(), iocLists);
        AuditReport report = new Audit(List.of(new SoftwareAuditSource())).run(context);
        return new ObjectMapper().readTree(Audit.json(report)).get("findings");
    }

    private static List<JsonNode> where(JsonNode findings, String field, String value) {
        List<JsonNode> matching = new ArrayList<>();
        findings.forEach(finding -> {
            if (finding.path(field).asText().equals(value)) {
                matching.add(finding);
            }
        });
        return matching;
    }

    private static JsonNode named(JsonNode findings, String name) {
        return where(findings, "name", name).getFirst();
    }

    @Test
    void injectedRemoteControlPackagesAreFlaggedWithTheDocumentedFields() throws Exception {
        JsonNode findings = audit(machine(), Policy.defaults(), List.of());

        JsonNode anydesk = named(findings, "anydesk");
        assertEquals("software", anydesk.get("type").asText());
        assertEquals("6.3.2", anydesk.get("version").asText());
        assertEquals("dpkg", anydesk.get("source").asText());
        assertEquals("alert", anydesk.get("verdict").asText());
        assertEquals("builtin:AnyDesk", anydesk.get("rule").asText());
        assertFalse(anydesk.has("sha256"), "a package has no executable hash");
        for (String name : List.of("teamviewer", "rustdesk", "ultraviewer", "x11vnc")) {
            assertEquals("alert", named(findings, name).get("verdict").asText(), name);
        }
        assertEquals("allow", named(findings, "dpkg").get("verdict").asText());
        assertEquals("", named(findings, "dpkg").get("rule").asText());
        assertEquals(6, where(findings, "verdict", "alert").size(), "the 5 injected packages and the portable AnyDesk");
    }

    @Test
    void portableRemoteControlProgramIsFlaggedByNameWithPathHashAndUser() throws Exception {
        JsonNode findings = audit(machine(), policy("software:\n  action: kill\n"), List.of());

        JsonNode process = where(findings, "source", "process").stream().filter(f -> f.get("pid").asLong() == 4242).findFirst().orElseThrow();
        assertEquals("AnyDesk", process.get("name").asText());
        assertEquals("/home/an/Downloads/AnyDesk", process.get("path").asText());
        assertEquals(FixtureHost.sha256(ProcessScannerTest.ANYDESK), process.get("sha256").asText());
        assertEquals("an", process.get("user").asText());
        assertEquals("kill", process.get("verdict").asText(), "what run mode would do; the audit itself kills nothing");
        assertEquals("builtin:AnyDesk", process.get("rule").asText());
    }

    @Test
    void portableProgramWithAHarmlessNameIsFlaggedByItsHashFromAnIocList() throws Exception {
        Path ioc = outside.resolve("vncert.txt");
        Files.writeString(ioc, FixtureHost.sha256(PORTABLE_TOOL) + "  update-helper\n", StandardCharsets.UTF_8);

        JsonNode findings = audit(machine(), Policy.defaults(), List.of(ioc));

        JsonNode helper = named(findings, "update-helper");
        assertEquals("alert", helper.get("verdict").asText());
        assertEquals("ioc:vncert.txt", helper.get("rule").asText());
        assertEquals(FixtureHost.sha256(PORTABLE_TOOL), helper.get("sha256").asText());
    }

    @Test
    void portableProgramIsFlaggedByAPolicyHashRuleToo() throws Exception {
        JsonNode findings = audit(machine(), policy("software:\n  deny:\n    - sha256: \"" + FixtureHost.sha256(PORTABLE_TOOL) + "\"\n"), List.of());
        assertEquals("sha256:" + FixtureHost.sha256(PORTABLE_TOOL), named(findings, "update-helper").get("rule").asText());
    }

    @Test
    void allowListModeFlagsEverythingNotListed() throws Exception {
        FixtureHost fixture = machine();
        JsonNode findings = audit(fixture, policy("software:\n  mode: allow-list\n  builtinRemoteControlDenyList: false\n  allow:\n"
                + "    - name: \"lib*\"\n    - name: \"bash\"\n"), List.of());

        long packages = new DpkgSource(fixture.host()).read().items().size();
        List<JsonNode> dpkg = where(findings, "source", "dpkg");
        assertEquals(packages, dpkg.size());
        for (JsonNode finding : dpkg) {
            boolean listed = finding.get("name").asText().startsWith("lib");
            assertEquals(listed ? "allow" : "alert", finding.get("verdict").asText(), finding.toString());
            assertEquals(listed ? "name:lib*" : "allow-list", finding.get("rule").asText(), finding.toString());
        }
        assertTrue(dpkg.stream().filter(f -> f.get("verdict").asText().equals("alert")).count() > 100);
        assertEquals("allow", named(findings, "bash").get("verdict").asText());
        assertEquals("alert", named(findings, "AnyDesk").get("verdict").asText());
    }

    @Test
    void corruptInputsAreErrorFindingsAndTheAuditFinishes() throws Exception {
        FixtureHost fixture = machine();
        byte[] status = Files.readAllBytes(fixture.root().resolve("var/lib/dpkg/status"));
        fixture.write(DpkgSource.STATUS, Arrays.copyOf(status, status.length - 300));
        fixture.write("/proc/5000/cmdline", "gone\0");
        fixture.write("/opt/dir-not-file/x", "x");
        fixture.process(5001, 0, 14, "/opt/dir-not-file", "weird");
        Path ioc = outside.resolve("broken-ioc.txt");
        Files.writeString(ioc, "zzz\n", StandardCharsets.UTF_8);

        JsonNode findings = audit(fixture, Policy.defaults(), List.of(ioc));

        List<JsonNode> errors = where(findings, "type", "error");
        List<String> messages = errors.stream().map(error -> error.get("path").asText() + " " + error.get("message").asText()).toList();
        assertEquals(4, errors.size(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("/var/lib/dpkg/status dpkg: ") && m.contains("truncated")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("/proc/5000 process: process 5000 exited")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("/opt/dir-not-file process: cannot hash")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("ioc: line 1 does not start with a SHA-256")), messages.toString());
        assertEquals("alert", named(findings, "AnyDesk").get("verdict").asText(), "the rest of the audit still counts");
        errors.forEach(error -> assertEquals("software", error.get("source").asText()));
    }

    @Test
    void textFormatPutsFlaggedProgramsFirstInAnInspectorsWords() throws Exception {
        FixtureHost fixture = machine();
        AuditContext context = new AuditContext(fixture.host(), Policy.defaults(), Roles.INTERNAL_WORKSTATION, Optional.empty(),
                Clock.systemUTC(), new ConnectivityBoard());
        String text = Audit.text(new Audit(List.of(new SoftwareAuditSource())).run(context));
        String firstFinding = text.lines().filter(line -> line.contains(" software ")).findFirst().orElseThrow();
        assertTrue(firstFinding.startsWith("ALERT   software dpkg     anydesk 6.3.2"), firstFinding);
        assertTrue(firstFinding.endsWith("(builtin:AnyDesk)"), firstFinding);
        assertTrue(text.contains("ALERT   software process  AnyDesk pid 4242 user an /home/an/Downloads/AnyDesk sha256:"), text);
    }
}
