package vn.canhgac.agent.usb;

/**
 * Something about a device that could not be read or made no sense.
 *
 * @param busPath  the device it concerns, or empty for the bus as a whole
 * @param hostPath the file at fault, a host path
 * @param message  what was wrong, for an inspector or the security officer
 */
public record UsbReadProblem(String busPath, String hostPath, String message) {}
