package vn.canhgac.agent.usb;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import vn.canhgac.agent.host.HostRoot;

/**
 * USB storage devices connected in the past, from {@code HOST_ROOT/var/log/kern.log*},
 * {@code syslog*} and {@code messages*}, plain or gzip, for inspectors who ask what was plugged in
 * before the agent was there. systemd's binary journal is not read.
 *
 * <p>Limits: at most {@value #MAX_FILES} files, {@value #MAX_BYTES_PER_FILE} bytes of text per
 * file (after decompression; the rest is skipped and the source marked truncated), lines cut at
 * {@value #MAX_LINE_CHARS} characters, {@value #MAX_DEVICES} distinct devices. A file that cannot be
 * read or decompressed is a problem; the others are still read.
 */
public final class UsbLogHistory {

    static final String LOG_DIRECTORY = "/var/log";
    static final int MAX_FILES = 64;
    static final long MAX_BYTES_PER_FILE = 256L * 1024 * 1024;
    static final int MAX_LINE_CHARS = 4096;
    static final int MAX_DEVICES = 10_000;
    private static final Pattern LOG_FILE = Pattern.compile("(kern\\.log|syslog|messages)(\\.[0-9]{1,3})?(\\.gz)?");
    private static final int MAX_ZONE_BYTES = 256;

    /**
     * @param timeZone the zone assumed for timestamps that carry none, and where it came from
     */
    public record Result(List<PastDevice> devices, List<LogSource> sources, List<UsbReadProblem> problems, String timeZone) {}

    /** One storage device (vendor, product, serial) and when it was seen. {@code serial} is empty if the kernel logged none. */
    public record PastDevice(String vendorId, String productId, String serial, String manufacturer, String product, UsbHistory history) {}

    /** One log file read: how many lines, how many storage connections in it, whether the size limit cut it. */
    public record LogSource(String path, long lines, int storageConnections, boolean truncated) {}

    private final HostRoot root;
    private final long maxBytesPerFile;

    public UsbLogHistory(HostRoot root) {
        this(root, MAX_BYTES_PER_FILE);
    }

    /** With another size limit per file: tests show the limit without writing 256 MiB. */
    UsbLogHistory(HostRoot root, long maxBytesPerFile) {
        if (maxBytesPerFile <= 0) {
            throw new IllegalArgumentException("maxBytesPerFile must be positive (got " + maxBytesPerFile + ")");
        }
        this.root = root;
        this.maxBytesPerFile = maxBytesPerFile;
    }

    public Result read() {
        List<UsbReadProblem> problems = new ArrayList<>();
        Zone zone = hostZone(problems);
        List<LogSource> sources = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        List<String> files;
        try {
            files = root.list(LOG_DIRECTORY, 100_000).stream().filter(name -> LOG_FILE.matcher(name).matches())
                    .limit(MAX_FILES).toList();
        } catch (UncheckedIOException e) {
            problems.add(new UsbReadProblem("", LOG_DIRECTORY, "cannot list: " + HostFiles.reason(root, e)));
            files = List.of();
        }
        for (String name : files) {
            String path = LOG_DIRECTORY + "/" + name;
            try {
                sources.add(readFile(path, zone.id(), found));
            } catch (IOException | UncheckedIOException e) {
                problems.add(new UsbReadProblem("", path, "cannot read this log" + (name.endsWith(".gz") ? " (corrupt gzip?)" : "")
                        + ": " + HostFiles.reason(root, e) + "; the other logs are still read"));
            }
        }
        return new Result(aggregate(found), sources, problems, zone.describe());
    }

    /** A connection and the file it was found in. */
    private record Found(KernelLogParser.Connection connection, String source) {}

    private LogSource readFile(String path, ZoneId zone, List<Found> found) throws IOException {
        LocalDate fileDate = HostFiles.lastModified(root, path).map(modified -> LocalDate.ofInstant(modified, zone))
                .orElseGet(() -> LocalDate.now(zone));
        KernelLogParser parser = new KernelLogParser(zone, fileDate);
        long lines = 0;
        try (InputStream raw = HostFiles.open(root, path);
             BoundedInputStream bounded = new BoundedInputStream(path.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw,
                     maxBytesPerFile);
             Reader reader = new BufferedReader(new InputStreamReader(bounded, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = reader.read()) >= 0) {
                if (c == '\n') {
                    parser.accept(line.toString());
                    line.setLength(0);
                    lines++;
                } else if (line.length() < MAX_LINE_CHARS) {
                    line.append((char) c);
                }
            }
            if (!line.isEmpty()) {
                parser.accept(line.toString());
                lines++;
            }
            List<KernelLogParser.Connection> connections = parser.finish();
            connections.forEach(connection -> found.add(new Found(connection, path)));
            return new LogSource(path, lines, connections.size(), bounded.truncated());
        } catch (ZipException e) {
            throw new IOException("not valid gzip: " + e.getMessage(), e);
        }
    }

    private static List<PastDevice> aggregate(List<Found> found) {
        Map<String, List<Found>> byDevice = new LinkedHashMap<>();
        for (Found each : found) {
            KernelLogParser.Connection c = each.connection();
            String key = c.vendorId() + ":" + c.productId() + ":" + c.serial();
            if (byDevice.containsKey(key) || byDevice.size() < MAX_DEVICES) {
                byDevice.computeIfAbsent(key, k -> new ArrayList<>()).add(each);
            }
        }
        List<PastDevice> devices = new ArrayList<>();
        for (List<Found> seen : byDevice.values()) {
            // kern.log and syslog carry the same kernel line: one connection is one (time, port).
            Set<String> distinct = new LinkedHashSet<>();
            Set<String> sources = new TreeSet<>();
            OffsetDateTime first = null;
            OffsetDateTime last = null;
            KernelLogParser.Connection latest = null;
            for (Found each : seen) {
                KernelLogParser.Connection c = each.connection();
                distinct.add(c.time().toInstant() + "@" + c.busPath());
                sources.add(each.source());
                if (first == null || c.time().isBefore(first)) {
                    first = c.time();
                }
                if (last == null || !c.time().isBefore(last)) {
                    last = c.time();
                    latest = c;
                }
            }
            devices.add(new PastDevice(latest.vendorId(), latest.productId(), latest.serial(), latest.manufacturer(), latest.product(),
                    new UsbHistory(first, last, distinct.size(), List.copyOf(sources))));
        }
        devices.sort(Comparator.comparing((PastDevice d) -> d.history().firstSeen().toInstant()));
        return devices;
    }

    /** The zone the host's traditional syslog timestamps are in. */
    private record Zone(ZoneId id, String from) {
        String describe() {
            return id.getId() + " (" + from + ")";
        }
    }

    /** Debian's /etc/timezone, else the /etc/localtime link's zoneinfo name, else UTC, and say which. */
    private Zone hostZone(List<UsbReadProblem> problems) {
        try {
            Optional<String> named = root.readString("/etc/timezone", MAX_ZONE_BYTES).map(String::strip).filter(s -> !s.isEmpty());
            if (named.isPresent()) {
                return new Zone(ZoneId.of(named.get()), "/etc/timezone");
            }
            Optional<String> linked = root.resolveLink("/etc/localtime").map(root::hostPath)
                    .filter(target -> target.contains("/zoneinfo/"))
                    .map(target -> target.substring(target.indexOf("/zoneinfo/") + "/zoneinfo/".length()));
            if (linked.isPresent()) {
                return new Zone(ZoneId.of(linked.get()), "/etc/localtime");
            }
        } catch (DateTimeException | UncheckedIOException e) {
            problems.add(new UsbReadProblem("", "/etc/timezone", "the host's time zone cannot be read (" + Printable.message(HostFiles.reason(root, e))
                    + "); log times without a zone are read as UTC"));
        }
        return new Zone(ZoneId.of("UTC"), "no /etc/timezone or /etc/localtime zone found; assumed");
    }

    /** Stops after a number of bytes and remembers that it did. */
    private static final class BoundedInputStream extends FilterInputStream {
        private long remaining;
        private boolean truncated;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        boolean truncated() {
            return truncated;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                if (!truncated && super.read() >= 0) {
                    truncated = true;
                }
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
