package vn.canhgac.agent.usb;

import java.util.List;

/**
 * One look at the USB devices: those that could be read, and what could not.
 *
 * @param busVisible false when the machine shows no USB bus at all (a VM without a USB controller, a
 *                   container without the host's /sys): not an error, but an audit says so
 */
public record UsbScan(List<UsbDevice> devices, List<UsbReadProblem> problems, boolean busVisible) {

    public UsbScan {
        devices = List.copyOf(devices);
        problems = List.copyOf(problems);
    }
}
