package vn.canhgac.agent.usb;
import vn.canhgac.protocol.policy.UsbVerdict;

/**
 * What carrying out a verdict takes, given the device's state now. Pure.
 *
 * <p>Under the default-deny udev rule new devices arrive unauthorised, so allowed devices (input
 * and hubs included) must be authorised by the agent; without the rule they arrive authorised and
 * only blocked devices need a write. A read-only device is authorised first; its disks appear a
 * moment later and are marked read-only by the next look.
 */
public enum UsbAction {
    NONE("none"), AUTHORIZE("authorize"), DEAUTHORIZE("deauthorize"), SET_READ_ONLY("set-read-only");

    private final String word;

    UsbAction(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static UsbAction needed(UsbDevice device, UsbVerdict verdict) {
        return switch (verdict) {
            case BLOCK -> device.authorized() ? DEAUTHORIZE : NONE;
            case ALLOW -> device.authorized() ? NONE : AUTHORIZE;
            case READ_ONLY -> !device.authorized() ? AUTHORIZE
                    : device.blockDevices().stream().anyMatch(disk -> !disk.readOnly()) ? SET_READ_ONLY : NONE;
        };
    }
}
