package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Windows programs from the Uninstall keys that "Apps and features" lists (64-bit and 32-bit
 * views), and whether Remote Desktop is enabled. The keys are read as registry exports through
 * a {@link RegistryExporter}: on Windows that is {@code reg.exe export}; tests hand it fixture
 * exports. An enabled Remote Desktop shows as an item named {@value #REMOTE_DESKTOP}, so the
 * built-in deny-list flags it and a policy can allow it by name like any other tool.
 */
final class WindowsRegistrySource implements PackageSource {

    static final String UNINSTALL = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
    static final String UNINSTALL_32 = "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall";
    static final String TERMINAL_SERVER = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server";
    /** Group Policy's setting, which wins over the local one when present. */
    static final String TERMINAL_SERVICES_POLICY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";
    static final String REMOTE_DESKTOP = "Windows Remote Desktop";
    static final long MAX_EXPORT_BYTES = 32L * 1024 * 1024;
    private static final DateTimeFormatter INSTALL_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    /** Exports one registry key (with its subkeys) in .reg format. */
    interface RegistryExporter {
        /** The export, or empty if the key does not exist. */
        Optional<InputStream> export(String key) throws IOException;
    }

    private final RegistryExporter exporter;

    WindowsRegistrySource(RegistryExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public String name() {
        return "windows-registry";
    }

    @Override
    public SourceInventory read() {
        List<SoftwareItem> items = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        for (String uninstall : List.of(UNINSTALL, UNINSTALL_32)) {
            read(uninstall, problems, key -> program(uninstall, key).ifPresent(items::add));
        }
        Long[] deny = new Long[2];
        read(TERMINAL_SERVER, problems, key -> {
            if (key.path().equalsIgnoreCase(TERMINAL_SERVER)) {
                deny[0] = key.dword("fDenyTSConnections");
            }
        });
        read(TERMINAL_SERVICES_POLICY, problems, key -> {
            if (key.path().equalsIgnoreCase(TERMINAL_SERVICES_POLICY)) {
                deny[1] = key.dword("fDenyTSConnections");
            }
        });
        Long effective = deny[1] != null ? deny[1] : deny[0];
        if (effective != null && effective == 0) {
            items.add(new SoftwareItem(name(), "setting/remote-desktop", REMOTE_DESKTOP, "enabled", "Microsoft Corporation", null, null));
        }
        return SourceInventory.of(name(), items, problems);
    }

    private void read(String key, List<ScanProblem> problems, java.util.function.Consumer<RegFile.Key> consumer) {
        try {
            Optional<InputStream> export = exporter.export(key);
            if (export.isEmpty()) {
                return;
            }
            try (InputStream in = HostFiles.limit(export.get(), MAX_EXPORT_BYTES, "export of " + key)) {
                RegFile.parse(in, consumer).forEach(message -> problems.add(new ScanProblem(name(), key, message)));
            }
        } catch (IOException e) {
            problems.add(new ScanProblem(name(), key, "cannot read the registry key: " + HostFiles.reason(e)));
        }
    }

    /** A direct subkey of an Uninstall key with a DisplayName is a program; others are updates' or installers' bookkeeping. */
    private Optional<SoftwareItem> program(String uninstall, RegFile.Key key) {
        String prefix = uninstall.toLowerCase(Locale.ROOT) + "\\";
        String path = key.path();
        if (!path.toLowerCase(Locale.ROOT).startsWith(prefix) || path.indexOf('\\', prefix.length()) >= 0) {
            return Optional.empty();
        }
        String displayName = key.string("DisplayName");
        if (displayName == null || displayName.isBlank()) {
            return Optional.empty();
        }
        String view = uninstall.equals(UNINSTALL_32) ? "32/" : "64/";
        return Optional.of(new SoftwareItem(name(), view + path.substring(prefix.length()), displayName, key.string("DisplayVersion"),
                key.string("Publisher"), installDate(key.string("InstallDate")), unquote(key.string("InstallLocation"))));
    }

    private static Instant installDate(String yyyymmdd) {
        if (yyyymmdd == null) {
            return null;
        }
        try {
            return LocalDate.parse(yyyymmdd.strip(), INSTALL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String unquote(String location) {
        if (location == null) {
            return null;
        }
        String stripped = location.strip();
        return stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")
                ? stripped.substring(1, stripped.length() - 1) : stripped;
    }

    /** {@code reg.exe export KEY FILE /y}: the registry as the machine's own tool writes it. Windows only. */
    static final class RegExe implements RegistryExporter {

        static final Duration TIMEOUT = Duration.ofMinutes(1);

        @Override
        public Optional<InputStream> export(String key) throws IOException {
            Path file = Files.createTempFile("canhgac-reg", ".reg");
            try (ToolRun run = ToolRun.run(List.of("reg.exe", "export", key, file.toString(), "/y"), TIMEOUT)) {
                if (run.exitCode() != 0) {
                    String errors = run.errors();
                    if (errors.toLowerCase(Locale.ROOT).contains("unable to find")) {
                        ToolRun.deleteQuietly(file);
                        return Optional.empty();
                    }
                    throw new IOException("reg.exe export failed with exit status " + run.exitCode() + ": " + errors);
                }
                // The stream is read before the next export; deleting on close keeps nothing behind.
                return Optional.of(new java.io.FilterInputStream(Files.newInputStream(file)) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        ToolRun.deleteQuietly(file);
                    }
                });
            } catch (IOException | RuntimeException e) {
                ToolRun.deleteQuietly(file);
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ToolRun.deleteQuietly(file);
                throw new IOException("interrupted while reg.exe ran", e);
            }
        }
    }
}
