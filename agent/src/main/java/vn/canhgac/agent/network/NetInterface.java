package vn.canhgac.agent.network;

import java.util.List;

/**
 * One network interface as read from sysfs.
 *
 * @param up        administratively up and with a working link (operstate "up", or "unknown" with carrier, as tun and lo report)
 * @param operstate the kernel's word ("up", "down", "dormant", "unknown", …), or "" when it could not be read
 * @param driver    the kernel driver behind the device ("rndis_host", "iwlwifi", …), or "" for virtual interfaces
 * @param addresses IPv4 and IPv6 addresses, as text
 */
public record NetInterface(String name, InterfaceKind kind, boolean up, String operstate, String driver, List<String> addresses) {

    public NetInterface {
        addresses = List.copyOf(addresses);
    }

    NetInterface withAddresses(List<String> more) {
        return new NetInterface(name, kind, up, operstate, driver, more);
    }

    /** "wlan0 up (Wi-Fi, driver iwlwifi)". */
    public String describe() {
        return name + (up ? " up" : " down") + " (" + kind.label() + (driver.isEmpty() ? "" : ", driver " + driver) + ")";
    }
}
