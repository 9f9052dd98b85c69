package vn.canhgac.installer.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages' whole life in a fresh Debian root: install server and agent (the agent enrolling
 * unattended against the server, on loopback), run both from their bundled runtimes, stop the
 * agent and see its agent.stopping event at the server, upgrade to rebuilt packages with the
 * administrator's configuration changes kept, reinstall, remove, purge (nothing left).
 */
class DebianChrootIT {

    private static final String RULE = "/lib/udev/rules.d/70-canhgac-usb-default-deny.rules";

    @TempDir
    Path work;

    @Test
    void installEnrolRunUpgradeRemoveAndPurge() throws IOException {
        Optional<String> unavailable = DebianRoot.unavailableBecause();
        unavailable.ifPresent(reason -> System.out.println("DebianChrootIT skipped: " + reason));
        assumeTrue(unavailable.isEmpty(), () -> "cannot make a Debian chroot here: " + unavailable.orElse(""));

        DebianRoot debian = DebianRoot.create(work.resolve("root"));
        Path packages = debian.path("/tmp/packages");
        Files.createDirectories(packages);
        String version = Command.run("dpkg-deb", "-f", Dist.agentDeb().toString(), "Version").ok().strip();
        String next = version + "+rebuild1";
        // Until the USB branch's rule is in the tree, the built package has none: add a stand-in so that its
        // install and purge are checked all the same.
        boolean builtWithRule = Command.run("dpkg-deb", "-c", Dist.agentDeb().toString()).ok().contains("." + RULE);
        Path agentV1 = builtWithRule ? Files.copy(Dist.agentDeb(), packages.resolve("agent-v1.deb"))
                : Repack.repack(Dist.agentDeb(), work, version, tree -> Repack.write(tree.resolve(RULE.substring(1)),
                        "# test stand-in for the USB default-deny rule\n"), packages.resolve("agent-v1.deb"));
        Files.copy(Dist.serverDeb(), packages.resolve("server-v1.deb"));
        Repack.repack(agentV1, work, next, tree -> Repack.append(tree.resolve("etc/canhgac/agent.yaml"),
                "# a default changed in the next release\n"), packages.resolve("agent-v2.deb"));
        Repack.repack(Dist.serverDeb(), work, next, tree -> { }, packages.resolve("server-v2.deb"));

        // Install the server; its postinst makes the system user and initialises the data directory.
        debian.sh("dpkg -i /tmp/packages/server-v1.deb").ok();
        assertTrue(Files.exists(debian.path("/var/lib/canhgac/server/canhgac.db")), "postinst ran canhgac-server init");
        assertEquals("canhgac", debian.sh("stat -c %U /var/lib/canhgac/server/canhgac.db").ok().strip());
        assertTrue(debian.sh("command -v java").status() != 0, "the Debian root has no Java of its own");
        assertTrue(debian.sh("canhgac-server --version").ok().startsWith("canhgac-server "));

        // The administrator points the server at free loopback ports: a changed conffile the upgrade must keep.
        int agentPort = freePort();
        int enrollmentPort = freePort();
        int apiPort = freePort();
        Repack.write(debian.path("/etc/canhgac/server.yaml"), "agentListen: 127.0.0.1:" + agentPort + "\nenrollmentListen: 127.0.0.1:"
                + enrollmentPort + "\napiListen: 127.0.0.1:" + apiPort + "\n");

        // Install the agent with CANHGAC_SERVER/CANHGAC_TOKEN, as an unattended roll-out does, while the server runs;
        // then run the agent, stop it, and ask the server for its agent.stopping event.
        String session = """
                set -e
                runuser -u canhgac -- canhgac-server run --data-dir /var/lib/canhgac/server > /tmp/server.log 2>&1 &
                for i in $(seq 1 120); do grep -q ' running: ' /tmp/server.log && break; sleep 0.5; done
                printf 'chroot-admin-password\\n' > /tmp/admin.password
                runuser -u canhgac -- canhgac-server init --data-dir /var/lib/canhgac/server --admin-user admin \\
                    --admin-password-file /tmp/admin.password --admin-totp-secret-file /tmp/admin.totp > /dev/null
                canhgacctl login --user admin --password-file /tmp/admin.password --totp-secret-file /tmp/admin.totp > /dev/null
                canhgacctl unit create "Sở Thử nghiệm" > /dev/null
                token=$(canhgacctl token create --unit "Sở Thử nghiệm" --role internal-workstation | awk '/Token:/ {print $2}')
                CANHGAC_SERVER=127.0.0.1:%d CANHGAC_TOKEN="$token" dpkg -i /tmp/packages/agent-v1.deb
                canhgac-agent run > /tmp/agent.log 2>&1 &
                agent=$!
                for i in $(seq 1 120); do grep -q 'event=agent.connected' /tmp/server.log && break; sleep 0.5; done
                kill -TERM $agent
                wait $agent || true
                canhgacctl events list --type agent.stopping
                today=$(date +%%F)
                canhgacctl report create --unit "Sở Thử nghiệm" --from "$today" --to "$today" --format pdf --out /tmp/report.pdf > /dev/null
                canhgacctl server keys --out /tmp/server-keys > /dev/null
                canhgacctl report verify /tmp/report.pdf /tmp/report.pdf.manifest.json --keys /tmp/server-keys
                """.formatted(enrollmentPort);
        Command run = debian.sh(session);
        String diagnostics = run.output() + "\n--- server log\n" + read(debian.path("/tmp/server.log")) + "\n--- agent log\n"
                + read(debian.path("/tmp/agent.log"));
        assertEquals(0, run.status(), diagnostics);
        assertTrue(Files.exists(debian.path("/var/lib/canhgac/agent/enrollment.yaml")), "unattended enrolment\n" + diagnostics);
        assertTrue(run.output().contains("agent.stopping"), "the server holds the agent's stop event\n" + diagnostics);
        // PDFBox runs on the packaged runtime (java.desktop, fonts embedded from the jar), and the manifest checks out offline.
        assertTrue(run.output().contains("OK: /tmp/report.pdf is the report"), "the report's manifest verifies\n" + diagnostics);
        assertTrue(Files.readString(debian.path("/tmp/report.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF-"),
                "a PDF report\n" + diagnostics);
        assertTrue(debian.sh("canhgac-agent --version").ok().startsWith("canhgac-agent "));
        assertTrue(Files.exists(debian.path(RULE)), "the udev rule is installed");
        String enrolment = Files.readString(debian.path("/var/lib/canhgac/agent/enrollment.yaml"));

        // Upgrade with the administrator's agent.yaml change in place; the new release changed the default too.
        Repack.append(debian.path("/etc/canhgac/agent.yaml"), "outboxCapacity: 5000\n");
        debian.sh("dpkg -i --force-confold /tmp/packages/server-v2.deb /tmp/packages/agent-v2.deb").ok();
        assertEquals(next, debian.sh("dpkg-query -W -f '${Version}' canhgac-agent").ok().strip());
        assertTrue(Files.readString(debian.path("/etc/canhgac/agent.yaml")).contains("outboxCapacity: 5000"), "agent.yaml kept");
        assertTrue(Files.exists(debian.path("/etc/canhgac/agent.yaml.dpkg-dist")), "the new default is set beside it");
        assertTrue(Files.readString(debian.path("/etc/canhgac/server.yaml")).contains("127.0.0.1:" + agentPort), "server.yaml kept");
        assertEquals(enrolment, Files.readString(debian.path("/var/lib/canhgac/agent/enrollment.yaml")), "agent state kept");
        assertTrue(Files.exists(debian.path("/var/lib/canhgac/server/canhgac.db")), "server data kept");
        assertTrue(debian.sh("canhgac-agent --version && canhgac-server --version && canhgacctl --version").ok().contains("canhgacctl "));

        // The maintainer scripts run again on a reinstall and change nothing.
        debian.sh("dpkg -i /tmp/packages/server-v2.deb /tmp/packages/agent-v2.deb").ok();
        List<String> installed = debian.sh("dpkg -L canhgac-agent canhgac-server").ok().lines()
                .filter(path -> path.startsWith("/")).toList();

        debian.sh("dpkg -r canhgac-agent canhgac-server").ok();
        assertFalse(Files.exists(debian.path("/usr/lib/canhgac-agent")), "program files removed");
        assertFalse(Files.exists(debian.path(RULE)), "udev rule removed with the package");
        assertTrue(Files.exists(debian.path("/etc/canhgac/agent.yaml")), "remove keeps the configuration");
        assertTrue(Files.exists(debian.path("/var/lib/canhgac/agent/enrollment.yaml")), "remove keeps the data");

        debian.sh("dpkg -P canhgac-agent canhgac-server").ok();
        for (String path : List.of("/etc/canhgac", "/var/lib/canhgac", "/usr/lib/canhgac-agent", "/usr/lib/canhgac-server",
                "/usr/bin/canhgac-agent", "/usr/bin/canhgacctl", RULE)) {
            assertFalse(Files.exists(debian.path(path), java.nio.file.LinkOption.NOFOLLOW_LINKS), path + " is left after purge");
        }
        List<String> left = installed.stream().filter(path -> !isSharedDirectory(path))
                .filter(path -> Files.exists(debian.path(path), java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        assertEquals(List.of(), left, "files of the packages left after purge");
        assertTrue(debian.sh("dpkg -s canhgac-agent").status() != 0, "dpkg no longer knows the agent");
    }

    /** Directories other packages own too (/usr, /lib/systemd/system, …), which purging ours must leave. */
    private static boolean isSharedDirectory(String path) {
        return List.of("/.", "/usr", "/usr/bin", "/usr/lib", "/usr/share", "/usr/share/doc", "/usr/share/lintian",
                "/usr/share/lintian/overrides", "/lib", "/lib/systemd", "/lib/systemd/system", "/lib/udev", "/lib/udev/rules.d", "/etc")
                .contains(path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
