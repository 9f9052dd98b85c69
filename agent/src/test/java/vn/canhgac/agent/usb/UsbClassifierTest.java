package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.policy.UsbKind;

class UsbClassifierTest {

    private static UsbDevice device(int deviceClass, List<String> networkInterfaces, UsbInterface... interfaces) {
        return new UsbDevice("1-2", "/sys/bus/usb/devices/1-2", 5, "abcd", "1234", Optional.empty(), "", "", deviceClass,
                List.of(interfaces), true, List.of(), networkInterfaces);
    }

    private static UsbDevice device(UsbInterface... interfaces) {
        return device(0, List.of(), interfaces);
    }

    private static UsbInterface in(int c, int s, int p, String name) {
        return new UsbInterface(c, s, p, name);
    }

    @Test
    void aBulkOnlyFlashDriveIsStorage() {
        assertEquals(List.of(UsbKind.STORAGE), UsbClassifier.kinds(device(in(0x08, 0x06, 0x50, ""))));
    }

    @Test
    void aKeyboardIsInputOnly() {
        assertEquals(List.of(UsbKind.INPUT), UsbClassifier.kinds(device(in(0x03, 0x01, 0x01, ""), in(0x03, 0, 0, ""))));
    }

    @Test
    void aKeyboardThatAlsoExposesStorageIsStorageAndInput() {
        assertEquals(List.of(UsbKind.STORAGE, UsbKind.INPUT), UsbClassifier.kinds(device(in(0x03, 0x01, 0x01, ""), in(0x08, 0x06, 0x50, ""))));
    }

    @Test
    void aVendorInterfaceNamedMtpIsAPhone() {
        assertEquals(List.of(UsbKind.PHONE), UsbClassifier.kinds(device(in(0xff, 0xff, 0x00, "MTP"), in(0xff, 0x42, 0x01, "ADB Interface"))));
        assertEquals(List.of(UsbKind.PHONE), UsbClassifier.kinds(device(in(0xff, 0xff, 0x00, "mtp function"))));
    }

    @Test
    void mtpInsideAnotherWordIsNotAPhone() {
        assertEquals(List.of(UsbKind.OTHER), UsbClassifier.kinds(device(in(0xff, 0xff, 0x00, "SMTP relay"))));
    }

    @Test
    void stillImageClassIsAPhoneOrCamera() {
        assertEquals(List.of(UsbKind.PHONE), UsbClassifier.kinds(device(in(0x06, 0x01, 0x01, ""))));
    }

    @Test
    void cdcEthernetRndisAndWirelessAreNetwork() {
        assertEquals(List.of(UsbKind.NETWORK), UsbClassifier.kinds(device(in(0x02, 0x06, 0x00, ""), in(0x0a, 0, 0, ""))));
        assertEquals(List.of(UsbKind.NETWORK), UsbClassifier.kinds(device(in(0xe0, 0x01, 0x03, ""), in(0x0a, 0, 0, ""))));
        assertEquals(List.of(UsbKind.NETWORK), UsbClassifier.kinds(device(in(0xef, 0x04, 0x01, ""))));
    }

    @Test
    void aVendorModeEthernetChipIsNetworkByTheInterfaceTheKernelMadeFromIt() {
        assertEquals(List.of(UsbKind.NETWORK), UsbClassifier.kinds(device(0, List.of("enx00e04c680001"), in(0xff, 0xff, 0x00, ""))));
    }

    @Test
    void miscellaneousClassOtherThanRndisIsNotNetwork() {
        assertEquals(List.of(UsbKind.OTHER), UsbClassifier.kinds(device(in(0xef, 0x01, 0x01, ""))));
    }

    @Test
    void aHubIsKnownByItsDeviceClassEvenWithoutInterfaces() {
        assertEquals(List.of(UsbKind.HUB), UsbClassifier.kinds(device(0x09, List.of())));
    }

    @Test
    void aDeviceThatSaysNothingIsOther() {
        assertEquals(List.of(UsbKind.OTHER), UsbClassifier.kinds(device(in(0xff, 0xff, 0xff, ""))));
        assertEquals(List.of(UsbKind.OTHER), UsbClassifier.kinds(device(0xff, List.of())));
    }

    @Test
    void aDiskTheKernelMadeMeansStorageWhateverTheCodesSay() {
        UsbDevice vendorStorage = new UsbDevice("1-2", "", 5, "abcd", "1234", Optional.empty(), "", "", 0,
                List.of(in(0xff, 0xff, 0xff, "")), true, List.of(new BlockDevice("sdb", "/sys/x/sdb", false)), List.of());
        assertEquals(List.of(UsbKind.STORAGE), UsbClassifier.kinds(vendorStorage));
    }
}
