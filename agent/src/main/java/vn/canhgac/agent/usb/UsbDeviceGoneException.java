package vn.canhgac.agent.usb;

import java.io.IOException;

/**
 * The device was unplugged between being read and being acted on: not an enforcement failure,
 * and the next look reports the removal.
 */
public final class UsbDeviceGoneException extends IOException {

    private static final long serialVersionUID = 1L;

    public UsbDeviceGoneException(String busPath) {
        super("device " + busPath + " was unplugged before the action");
    }
}
