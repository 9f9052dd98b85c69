package vn.canhgac.agent.usb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import vn.canhgac.agent.host.HostRoot;

/**
 * Linux enforcement through sysfs. Blocking writes {@code 0} to the device's {@code authorized}
 * attribute: the kernel unbinds every driver of the device, and a re-plugged device comes back
 * authorised (or not, under the default-deny udev rule), so the monitor decides again on every
 * arrival.
 *
 * <p>Read-only: on the real machine (host root "/") the kernel's {@code ro} attribute cannot be
 * written; the BLKROSET ioctl is what sets it, and Java has no ioctl without native code, so this
 * runs {@code blockdev --setro /dev/NAME} (util-linux) with a time limit. Under a fixture host root
 * it writes {@code 1} to the block device's {@code ro} attribute instead, which is what the ioctl's
 * effect looks like there.
 */
public final class LinuxUsbEnforcer implements UsbEnforcer {

    private static final Pattern BLOCK_NAME = Pattern.compile("[a-zA-Z0-9]{1,32}");
    private static final List<String> BLOCKDEV = List.of("/usr/sbin/blockdev", "/sbin/blockdev");
    private static final long BLOCKDEV_TIMEOUT_SECONDS = 10;

    private final HostRoot root;
    private final boolean realMachine;

    public LinuxUsbEnforcer(HostRoot root) {
        this.root = root;
        this.realMachine = root.root().equals(Path.of("/").toAbsolutePath());
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public void setAuthorized(UsbDevice device, boolean authorized) throws IOException {
        try {
            writeAttribute(device.sysfsPath() + "/authorized", authorized ? "1" : "0",
                    "the agent must run as root to " + (authorized ? "authorise" : "block") + " USB devices");
        } catch (NoSuchFileException e) {
            if (!root.exists(device.sysfsPath())) {
                throw new UsbDeviceGoneException(device.busPath());
            }
            throw e;
        }
    }

    @Override
    public void setReadOnly(BlockDevice device) throws IOException {
        if (!BLOCK_NAME.matcher(device.name()).matches()) {
            throw new IOException("refusing to mark block device " + Printable.quoted(device.name())
                    + " read-only: not a kernel block device name");
        }
        if (realMachine) {
            runBlockdev(device.name());
        } else {
            writeAttribute(device.sysfsPath() + "/ro", "1", "the fixture's ro attribute must be writable");
        }
    }

    private void writeAttribute(String hostPath, String value, String hint) throws IOException {
        Path file = root.resolveLink(hostPath).orElseThrow(() -> new NoSuchFileException(hostPath, null, "no such attribute"));
        try {
            // No CREATE: a missing attribute is an error, never a new file. sysfs ignores TRUNCATE; fixtures need it.
            Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(hostPath, null, "no such attribute");
        } catch (AccessDeniedException e) {
            throw new IOException("writing " + value + " to " + hostPath + " was refused (permission denied); " + hint, e);
        } catch (IOException e) {
            throw new IOException("writing " + value + " to " + hostPath + " failed: " + HostFiles.reason(root, e), e);
        }
    }

    private static void runBlockdev(String name) throws IOException {
        String blockdev = BLOCKDEV.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst()
                .orElseThrow(() -> new IOException("blockdev not found in " + BLOCKDEV + "; install util-linux to mark USB disks read-only"));
        Process process = new ProcessBuilder(blockdev, "--setro", "/dev/" + name).redirectErrorStream(true).start();
        try (InputStream output = process.getInputStream()) {
            // blockdev prints at most a line; waiting first keeps a hung command from blocking a read.
            if (!process.waitFor(BLOCKDEV_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("blockdev --setro /dev/" + name + " did not finish within " + BLOCKDEV_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("blockdev --setro /dev/" + name + " exited with " + process.exitValue() + ": "
                        + Printable.of(new String(output.readNBytes(1024), StandardCharsets.UTF_8)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running blockdev --setro /dev/" + name, e);
        }
    }
}
