package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsbDescriptorsTest {

    /** SanDisk Cruzer Blade 0781:5567: device descriptor, one configuration, one mass-storage interface, two bulk endpoints. */
    static final byte[] CRUZER = HexFormat.of().parseHex(
            "120100020000004081076755010101020301" // device: USB 2.0, 0781:5567, 1 configuration
                    + "090220000101008032"           // configuration 1, 32 bytes in all
                    + "090400000208065000"           // interface 0: 08/06/50, 2 endpoints
                    + "07058102000200" + "07050202000200");

    /** A keyboard whose second configuration is a flash drive: every configuration counts. */
    static final byte[] KEYBOARD_WITH_STORAGE_CONFIG = HexFormat.of().parseHex(
            "12010002000000086d041cc3000101020002" // device: 046d:c31c, 2 configurations
                    + "09021200010100a032" + "090400000103010100"  // configuration 1: a boot keyboard
                    + "090212000102008032" + "090400000108065000"); // configuration 2: mass storage

    @Test
    void readsTheMassStorageInterfaceOfARealFlashDrive() {
        assertEquals(List.of(new UsbInterface(0x08, 0x06, 0x50, "")), UsbDescriptors.interfaces(CRUZER.clone()));
    }

    @Test
    void everyConfigurationCounts() {
        assertEquals(List.of(new UsbInterface(0x03, 0x01, 0x01, ""), new UsbInterface(0x08, 0x06, 0x50, "")),
                UsbDescriptors.interfaces(KEYBOARD_WITH_STORAGE_CONFIG));
    }

    @Test
    void alternateSettingsWithTheSameCodesAreListedOnce() {
        byte[] raw = HexFormat.of().parseHex("090400000108065000" + "090401000108065000");
        assertEquals(1, UsbDescriptors.interfaces(raw).size());
    }

    @Test
    void aDescriptorShorterThanItsHeaderIsCorrupt() {
        byte[] raw = HexFormat.of().parseHex("0104000001");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> UsbDescriptors.interfaces(raw));
        assertEquals("descriptor at byte 0 has impossible length 1 (5 bytes in all)", error.getMessage());
    }

    @Test
    void aDescriptorRunningPastTheEndIsCorrupt() {
        byte[] raw = HexFormat.of().parseHex("090400000108");
        assertThrows(IllegalArgumentException.class, () -> UsbDescriptors.interfaces(raw));
    }

    @Test
    void nothingAtAllIsNoInterfaces() {
        assertEquals(List.of(), UsbDescriptors.interfaces(new byte[0]));
    }
}
