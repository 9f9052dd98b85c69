package vn.canhgac.agent.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance run: {@code canhgac-agent audit --format json} on this machine's own "/", in a
 * child JVM as an inspector would start it, lists exactly the packages {@code dpkg-query -W} does.
 */
class AuditCommandRealMachineTest {

    private static final Logger log = LoggerFactory.getLogger(AuditCommandRealMachineTest.class);
    private static final Set<String> ON_DISK = Set.of("installed", "unpacked", "half-configured", "half-installed", "triggers-awaited",
            "triggers-pending");

    @TempDir
    Path stateDirectory;

    @Test
    void auditOfThisMachineListsTheSamePackagesAsDpkgQuery() throws Exception {
        assumeTrue(Files.isRegularFile(Path.of("/var/lib/dpkg/status")), "not a dpkg machine: /var/lib/dpkg/status is missing");
        assumeTrue(onPath("dpkg-query"), "dpkg-query is not on the PATH");

        // Other work may install packages meanwhile; compare against a dpkg-query answer that held for the whole audit.
        for (int attempt = 1; ; attempt++) {
            List<String> before = run(List.of("dpkg-query", "-W", "-f", "${binary:Package}\\t${Version}\\t${db:Status-Status}\\n"));
            String json = run(List.of(javaCommand(), "-cp", System.getProperty("java.class.path"), "vn.canhgac.agent.cli.AgentMain", "audit",
                    "--format", "json", "--state-dir", stateDirectory.toString())).stream().reduce("", (a, b) -> a + b + "\n");
            List<String> after = run(List.of("dpkg-query", "-W", "-f", "${binary:Package}\\t${Version}\\t${db:Status-Status}\\n"));
            if (!before.equals(after) && attempt < 3) {
                continue;
            }
            assumeTrue(before.equals(after), "packages kept changing while the audit ran");

            Set<String> expected = new TreeSet<>();
            long notOnDisk = 0;
            for (String line : after) {
                String[] fields = line.split("\t");
                if (ON_DISK.contains(fields[2])) {
                    expected.add(fields[0] + " " + fields[1]);
                } else {
                    notOnDisk++;
                }
            }
            JsonNode report = new ObjectMapper().readTree(json);
            assertEquals("/", report.get("hostRoot").asText());
            Set<String> listed = new TreeSet<>();
            report.get("findings").forEach(finding -> {
                if (finding.path("source").asText().equals("dpkg")) {
                    listed.add(finding.get("name").asText() + " " + finding.get("version").asText());
                }
            });
            int dpkgQueryLines = run(List.of("dpkg-query", "-W")).size();
            log.info("dpkg-query -W lists {} packages ({} not on disk: config-files or not-installed); the audit lists {}", dpkgQueryLines,
                    notOnDisk, listed.size());
            assertEquals(expected, listed);
            assertEquals(dpkgQueryLines - notOnDisk, listed.size());
            assertTrue(listed.size() > 0);
            return;
        }
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), command + " did not finish");
        assertEquals(0, process.exitValue(), command + " failed");
        return lines;
    }
}
