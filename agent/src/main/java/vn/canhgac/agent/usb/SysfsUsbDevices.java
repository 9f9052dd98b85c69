package vn.canhgac.agent.usb;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.canhgac.agent.host.HostRoot;

/**
 * Reads USB devices from {@code HOST_ROOT/sys/bus/usb/devices}: the source of truth on Linux.
 *
 * <p>Per device: {@code idVendor}, {@code idProduct}, {@code serial}, {@code manufacturer},
 * {@code product}, {@code bDeviceClass}, {@code devnum}, {@code authorized}, the raw
 * {@code descriptors}, and for each configured interface directory ({@code 1-2:1.0}) its class
 * codes, its {@code interface} string, the network interfaces under {@code net/} and the disks
 * under {@code host*}/{@code target*}/{@code H:C:T:L}/{@code block/}.
 *
 * <p>Fail modes: a device whose vendor or product id is missing or not 4 hex digits is left out
 * and reported as a problem (its identity cannot be matched against an allow-list). Any other bad
 * attribute is reported and skipped while the device is still judged from what could be read; an
 * unreadable {@code authorized} counts as authorised so that a block is still attempted.
 */
public final class SysfsUsbDevices implements UsbDeviceSource {

    public static final String DEVICES = "/sys/bus/usb/devices";

    /** Root hubs ("usb1") and devices ("1-2", "1-2.4.1"); interfaces ("1-2:1.0") are read with their device. */
    private static final Pattern DEVICE_NAME = Pattern.compile("usb[0-9]{1,3}|[0-9]{1,3}-[0-9]{1,3}(\\.[0-9]{1,3}){0,6}");
    /** "1.0" in "1-2:1.0": configuration and interface number. */
    private static final Pattern INTERFACE_SUFFIX = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{4}");
    private static final Pattern HEX_BYTE = Pattern.compile("[0-9a-fA-F]{2}");
    private static final Pattern SCSI_HOST = Pattern.compile("host[0-9]{1,5}");
    private static final Pattern SCSI_TARGET = Pattern.compile("target[0-9]{1,5}:[0-9]{1,5}:[0-9]{1,5}");
    private static final Pattern SCSI_DEVICE = Pattern.compile("[0-9]{1,5}:[0-9]{1,5}:[0-9]{1,5}:[0-9]{1,5}");
    /** sysfs attributes are one short line; device strings are at most 126 UTF-16 units (≤ 378 bytes of UTF-8). */
    private static final int MAX_ATTRIBUTE_BYTES = 1024;
    private static final int MAX_DESCRIPTOR_BYTES = 64 * 1024;
    private static final int MAX_ENTRIES = 4096;
    private static final int MAX_BLOCK_DEVICES = 32;

    private final HostRoot root;

    public SysfsUsbDevices(HostRoot root) {
        this.root = root;
    }

    @Override
    public String describe() {
        return "sysfs " + DEVICES;
    }

    @Override
    public UsbScan scan() {
        List<UsbReadProblem> problems = new ArrayList<>();
        List<String> names;
        try {
            if (!HostFiles.isDirectory(root, DEVICES)) {
                return new UsbScan(List.of(), List.of(), false);
            }
            names = root.list(DEVICES, MAX_ENTRIES);
        } catch (UncheckedIOException e) {
            return new UsbScan(List.of(), List.of(new UsbReadProblem("", DEVICES, "cannot list: " + HostFiles.reason(root, e))), true);
        }
        List<UsbDevice> devices = new ArrayList<>();
        for (String name : names) {
            if (DEVICE_NAME.matcher(name).matches()) {
                new DeviceReader(name, problems).read().ifPresent(devices::add);
            }
        }
        return new UsbScan(devices, problems, true);
    }

    /** Reads one device, collecting its problems; one instance per device and scan. */
    private final class DeviceReader {

        private final String busPath;
        private final String base;
        private final List<UsbReadProblem> problems;

        DeviceReader(String busPath, List<UsbReadProblem> problems) {
            this.busPath = busPath;
            this.base = DEVICES + "/" + busPath;
            this.problems = problems;
        }

        /**
         * The device, or empty if it cannot be identified or was unplugged while being read; in the
         * latter case its half-read attributes are not problems, they are a removal the next look reports.
         */
        Optional<UsbDevice> read() {
            int problemsBefore = problems.size();
            Optional<UsbDevice> device;
            try {
                device = readPresent();
            } catch (UncheckedIOException e) {
                problem(base, "cannot read: " + HostFiles.reason(root, e) + "; the device is not judged");
                device = Optional.empty();
            }
            if (!stillPresent()) {
                problems.subList(problemsBefore, problems.size()).clear();
                return Optional.empty();
            }
            return device;
        }

        private boolean stillPresent() {
            try {
                return root.exists(base);
            } catch (UncheckedIOException e) {
                return true; // cannot tell: keep what was read and the problems that say so
            }
        }

        private Optional<UsbDevice> readPresent() {
            if (!root.exists(base)) {
                return Optional.empty();
            }
            Optional<String> vendorId = id("idVendor");
            Optional<String> productId = vendorId.isEmpty() ? Optional.empty() : id("idProduct");
            if (vendorId.isEmpty() || productId.isEmpty()) {
                return Optional.empty();
            }
            Map<String, UsbInterface> interfaces = new LinkedHashMap<>();
            List<BlockDevice> blockDevices = new ArrayList<>();
            List<String> networkInterfaces = new ArrayList<>();
            readInterfaceDirectories(interfaces, blockDevices, networkInterfaces);
            readDescriptors(interfaces);
            return Optional.of(new UsbDevice(busPath, base, number("devnum"), vendorId.get(), productId.get(),
                    text("serial", false), text("manufacturer", true).orElse(""), text("product", true).orElse(""),
                    hexByte(base, "bDeviceClass").orElse(0), List.copyOf(interfaces.values()), authorized(),
                    blockDevices, networkInterfaces));
        }

        private Optional<String> id(String attribute) {
            Optional<String> value = root.readString(base + "/" + attribute, MAX_ATTRIBUTE_BYTES);
            if (value.isEmpty()) {
                problem(base + "/" + attribute, attribute + " is missing, so the device cannot be identified; it is not judged");
                return Optional.empty();
            }
            String id = value.get().strip();
            if (!HEX_ID.matcher(id).matches()) {
                problem(base + "/" + attribute, attribute + " must be 4 hex digits (got " + Printable.quoted(id)
                        + "); the device cannot be identified and is not judged");
                return Optional.empty();
            }
            return Optional.of(id.toLowerCase(Locale.ROOT));
        }

        /** A device string; the serial stays exactly as reported (allow-lists match it case-sensitively). */
        private Optional<String> text(String attribute, boolean forDisplay) {
            try {
                return root.readString(base + "/" + attribute, MAX_ATTRIBUTE_BYTES)
                        .map(value -> forDisplay ? Printable.of(value) : value)
                        .filter(value -> !value.isEmpty());
            } catch (UncheckedIOException e) {
                problem(base + "/" + attribute, "cannot read: " + HostFiles.reason(root, e));
                return Optional.empty();
            }
        }

        private int number(String attribute) {
            try {
                Optional<String> value = root.readString(base + "/" + attribute, MAX_ATTRIBUTE_BYTES).map(String::strip);
                if (value.isPresent() && value.get().matches("[0-9]{1,3}")) {
                    return Integer.parseInt(value.get());
                }
                value.ifPresent(v -> problem(base + "/" + attribute, attribute + " must be a number from 0 to 999 (got "
                        + Printable.quoted(v) + ")"));
            } catch (UncheckedIOException e) {
                problem(base + "/" + attribute, "cannot read: " + HostFiles.reason(root, e));
            }
            return 0;
        }

        private boolean authorized() {
            String file = base + "/authorized";
            try {
                Optional<String> value = root.readString(file, MAX_ATTRIBUTE_BYTES).map(String::strip);
                if (value.isEmpty() || value.get().equals("1")) {
                    return true;
                }
                if (value.get().equals("0")) {
                    return false;
                }
                problem(file, "authorized must be 0 or 1 (got " + Printable.quoted(value.get()) + "); counted as authorised");
            } catch (UncheckedIOException e) {
                problem(file, "cannot read: " + HostFiles.reason(root, e) + "; counted as authorised");
            }
            return true;
        }

        private Optional<Integer> hexByte(String directory, String attribute) {
            try {
                Optional<String> value = root.readString(directory + "/" + attribute, MAX_ATTRIBUTE_BYTES).map(String::strip);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                if (HEX_BYTE.matcher(value.get()).matches()) {
                    return Optional.of(Integer.parseInt(value.get(), 16));
                }
                problem(directory + "/" + attribute, attribute + " must be 2 hex digits (got " + Printable.quoted(value.get()) + ")");
            } catch (UncheckedIOException e) {
                problem(directory + "/" + attribute, "cannot read: " + HostFiles.reason(root, e));
            }
            return Optional.empty();
        }

        /** Problems with one interface are reported and that interface skipped: the rest of the device is still judged. */
        private void readInterfaceDirectories(Map<String, UsbInterface> interfaces, List<BlockDevice> blockDevices,
                                              List<String> networkInterfaces) {
            List<String> names;
            try {
                names = root.list(base, MAX_ENTRIES);
            } catch (UncheckedIOException e) {
                problem(base, "cannot list: " + HostFiles.reason(root, e) + "; judged by the device's descriptors only");
                return;
            }
            for (String name : names) {
                boolean isInterface = name.startsWith(busPath + ":")
                        && INTERFACE_SUFFIX.matcher(name.substring(busPath.length() + 1)).matches();
                if (!isInterface || interfaces.size() >= UsbDescriptors.MAX_INTERFACES) {
                    continue;
                }
                String directory = base + "/" + name;
                try {
                    readInterface(directory).ifPresent(in -> interfaces.putIfAbsent(in.codes() + "/" + in.name(), in));
                    networkInterfaces.addAll(root.list(directory + "/net", MAX_BLOCK_DEVICES));
                    findBlockDevices(directory, blockDevices);
                } catch (UncheckedIOException e) {
                    problem(directory, "cannot read: " + HostFiles.reason(root, e));
                }
            }
        }

        private Optional<UsbInterface> readInterface(String directory) {
            Optional<Integer> interfaceClass = hexByte(directory, "bInterfaceClass");
            if (interfaceClass.isEmpty()) {
                problem(directory, "interface without a readable bInterfaceClass; judged by the device's descriptors only");
                return Optional.empty();
            }
            String label = root.readString(directory + "/interface", MAX_ATTRIBUTE_BYTES).map(Printable::of).orElse("");
            return Optional.of(new UsbInterface(interfaceClass.get(), hexByte(directory, "bInterfaceSubClass").orElse(0),
                    hexByte(directory, "bInterfaceProtocol").orElse(0), label));
        }

        /** host6/target6:0:0/6:0:0:0/block/sdb[/sdb1]: the path usb-storage and uas both create. */
        private void findBlockDevices(String interfaceDirectory, List<BlockDevice> found) {
            for (String host : matching(interfaceDirectory, SCSI_HOST)) {
                for (String target : matching(host, SCSI_TARGET)) {
                    for (String lun : matching(target, SCSI_DEVICE)) {
                        for (String disk : root.list(lun + "/block", MAX_BLOCK_DEVICES)) {
                            String diskPath = lun + "/block/" + disk;
                            addBlockDevice(found, disk, diskPath);
                            for (String child : root.list(diskPath, MAX_ENTRIES)) {
                                if (child.startsWith(disk) && root.exists(diskPath + "/" + child + "/partition")) {
                                    addBlockDevice(found, child, diskPath + "/" + child);
                                }
                            }
                        }
                    }
                }
            }
        }

        private List<String> matching(String directory, Pattern names) {
            return root.list(directory, MAX_ENTRIES).stream()
                    .filter(name -> names.matcher(name).matches()).map(name -> directory + "/" + name).toList();
        }

        private void addBlockDevice(List<BlockDevice> found, String name, String sysfsPath) {
            if (found.size() < MAX_BLOCK_DEVICES) {
                boolean readOnly = root.readString(sysfsPath + "/ro", MAX_ATTRIBUTE_BYTES).map(String::strip).filter("1"::equals).isPresent();
                found.add(new BlockDevice(name, sysfsPath, readOnly));
            }
        }

        private void readDescriptors(Map<String, UsbInterface> interfaces) {
            String file = base + "/descriptors";
            try {
                Optional<byte[]> raw = HostFiles.readBytes(root, file, MAX_DESCRIPTOR_BYTES);
                if (raw.isEmpty()) {
                    return;
                }
                for (UsbInterface in : UsbDescriptors.interfaces(raw.get())) {
                    boolean known = interfaces.values().stream().anyMatch(seen -> seen.codes().equals(in.codes()));
                    if (!known && interfaces.size() < UsbDescriptors.MAX_INTERFACES) {
                        interfaces.put(in.codes() + "/", in);
                    }
                }
            } catch (IllegalArgumentException e) {
                problem(file, "corrupt descriptors: " + e.getMessage() + "; judged by the interface directories only");
            } catch (UncheckedIOException e) {
                problem(file, "cannot read: " + HostFiles.reason(root, e));
            }
        }

        private void problem(String hostPath, String message) {
            problems.add(new UsbReadProblem(busPath, hostPath, message));
        }
    }
}
