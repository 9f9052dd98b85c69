package vn.canhgac.agent.usb;

/**
 * The acceptance devices, with real vendor and product ids and the interfaces those devices
 * really have (from lsusb -v of the models named).
 */
final class UsbDevices {

    static final String ISSUED_SERIAL = "60A44C3FAE3CF1A0";

    private UsbDevices() {}

    /** SanDisk Cruzer Blade 0781:5567: one bulk-only mass-storage interface. */
    static void sandiskCruzer(SysfsFixture sys, String bus) {
        sys.device(bus, "0781", "5567").strings("SanDisk", "Cruzer Blade", "4C530001230527106384")
                .iface(0x08, 0x06, 0x50, null).disk("sdb", "sdb1").plug();
    }

    /** Kingston DataTraveler 0951:1666 with the given serial. */
    static void kingston(SysfsFixture sys, String bus, String serial) {
        sys.device(bus, "0951", "1666").strings("Kingston", "DataTraveler 3.0", serial)
                .iface(0x08, 0x06, 0x50, null).disk("sdc", "sdc1").plug();
    }

    /** Logitech K120 keyboard 046d:c31c: a boot keyboard and a second HID interface. */
    static void logitechKeyboard(SysfsFixture sys, String bus) {
        sys.device(bus, "046d", "c31c").strings("Logitech", "USB Keyboard", null)
                .iface(0x03, 0x01, 0x01, null).iface(0x03, 0x00, 0x00, null).plug();
    }

    /** A "keyboard" that is also a flash drive (BadUSB-style composite). */
    static void keyboardWithStorage(SysfsFixture sys, String bus) {
        sys.device(bus, "1a86", "e429").strings("Generic", "USB Keyboard", "20230101")
                .iface(0x03, 0x01, 0x01, null).iface(0x08, 0x06, 0x50, null).disk("sdd").plug();
    }

    /** Samsung Galaxy in MTP mode 04e8:6860: a vendor-specific interface named "MTP", plus ADB. */
    static void samsungPhoneMtp(SysfsFixture sys, String bus) {
        sys.device(bus, "04e8", "6860").strings("SAMSUNG", "SAMSUNG_Android", "R58M12ABCDE")
                .iface(0xff, 0xff, 0x00, "MTP").iface(0xff, 0x42, 0x01, "ADB Interface").plug();
    }

    /** Realtek RTL8153 gigabit Ethernet 0bda:8153 in CDC ECM mode, bound to r8152. */
    static void realtekEthernet(SysfsFixture sys, String bus) {
        sys.device(bus, "0bda", "8153").strings("Realtek", "USB 10/100/1000 LAN", "000001")
                .iface(0x02, 0x06, 0x00, "CDC Communications Control").net("enx00e04c680001").iface(0x0a, 0x00, 0x00, "CDC Ethernet Data")
                .plug();
    }

    /** An Android phone tethering over RNDIS 18d1:4ee3: wireless-controller class e0/01/03 and CDC data. */
    static void rndisTether(SysfsFixture sys, String bus) {
        sys.device(bus, "18d1", "4ee3").strings("Google", "Pixel 7", "2A111FDH2001MK").deviceClass(0xef)
                .iface(0xe0, 0x01, 0x03, "RNDIS Communications Control").net("usb0").iface(0x0a, 0x00, 0x00, "RNDIS Ethernet Data")
                .plug();
    }

    /** The root hub 1d6b:0002 of bus 1. */
    static void rootHub(SysfsFixture sys) {
        sys.device("usb1", "1d6b", "0002").strings("Linux 6.12.48 xhci-hcd", "xHCI Host Controller", "0000:00:14.0")
                .deviceClass(0x09).devnum(1).iface(0x09, 0x00, 0x00, null).plug();
    }

    /**
     * Issue 3's acceptance set on bus 1: root hub (usb1), unknown flash drive (1-1), the issued drive
     * with its serial (1-2), a keyboard (1-3), a keyboard with storage (1-4), a phone in MTP mode
     * (1-5), USB Ethernet (1-6), RNDIS tethering (1-7), the issued model with another serial (1-8).
     */
    static void plugAcceptanceSet(SysfsFixture sys) {
        rootHub(sys);
        sandiskCruzer(sys, "1-1");
        kingston(sys, "1-2", ISSUED_SERIAL);
        logitechKeyboard(sys, "1-3");
        keyboardWithStorage(sys, "1-4");
        samsungPhoneMtp(sys, "1-5");
        realtekEthernet(sys, "1-6");
        rndisTether(sys, "1-7");
        kingston(sys, "1-8", "0019E06B9C47F9A0");
    }
}
