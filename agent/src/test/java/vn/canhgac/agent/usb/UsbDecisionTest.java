package vn.canhgac.agent.usb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.canhgac.protocol.policy.UsbDecision;
import vn.canhgac.protocol.policy.UsbKind;
import vn.canhgac.protocol.policy.UsbPolicy;
import vn.canhgac.protocol.policy.UsbVerdict;

class UsbDecisionTest {

    private static final List<UsbKind> STORAGE = List.of(UsbKind.STORAGE);

    private static UsbPolicy policy(String usbSection) {
        return TestPolicies.policy(usbSection).usb();
    }

    private static final UsbPolicy ISSUED_DRIVE_ONLY = policy(TestPolicies.ISSUED_DRIVE_ONLY);

    private static UsbDecision decide(UsbPolicy policy, String vendor, String product, String serial, List<UsbKind> kinds) {
        return UsbDecision.decide(policy, vendor, product, Optional.ofNullable(serial), kinds);
    }

    @Test
    void anUnknownFlashDriveIsBlockedByTheStorageRule() {
        assertEquals(new UsbDecision(UsbVerdict.BLOCK, "usb.storage=block", ""), decide(ISSUED_DRIVE_ONLY, "0781", "5567", "4C53", STORAGE));
    }

    @Test
    void theIssuedDriveWithItsSerialIsAllowedByItsEntryWithTheNote() {
        assertEquals(new UsbDecision(UsbVerdict.ALLOW, "usb.allow[0]", "USB mã hóa cấp cho Văn phòng"),
                decide(ISSUED_DRIVE_ONLY, "0951", "1666", "60A44C3FAE3CF1A0", STORAGE));
    }

    @Test
    void theSameModelWithAnotherSerialIsBlocked() {
        assertEquals(UsbVerdict.BLOCK, decide(ISSUED_DRIVE_ONLY, "0951", "1666", "60A44C3FAE3CF1A1", STORAGE).verdict());
        assertEquals(UsbVerdict.BLOCK, decide(ISSUED_DRIVE_ONLY, "0951", "1666", "60a44c3fae3cf1a0", STORAGE).verdict(),
                "serials match case-sensitively");
        assertEquals(UsbVerdict.BLOCK, decide(ISSUED_DRIVE_ONLY, "0951", "1666", null, STORAGE).verdict(), "no serial, no match");
    }

    @Test
    void anEntryWithoutSerialAllowsEveryDriveOfThatModel() {
        UsbPolicy model = policy("usb:\n  allow:\n    - vendorId: \"0951\"\n      productId: \"1666\"\n");
        assertEquals(new UsbDecision(UsbVerdict.ALLOW, "usb.allow[0]", ""), decide(model, "0951", "1666", null, STORAGE));
    }

    @Test
    void aKeyboardIsNeverBlockedEvenWhenStorageIs() {
        assertEquals(new UsbDecision(UsbVerdict.ALLOW, "input-never-blocked", ""),
                decide(ISSUED_DRIVE_ONLY, "046d", "c31c", null, List.of(UsbKind.INPUT)));
    }

    @Test
    void aHubIsNeverBlocked() {
        assertEquals(new UsbDecision(UsbVerdict.ALLOW, "hub-never-blocked", ""),
                decide(ISSUED_DRIVE_ONLY, "1d6b", "0002", null, List.of(UsbKind.HUB)));
    }

    @Test
    void aKeyboardThatAlsoExposesStorageIsBlockedAsStorage() {
        assertEquals(UsbVerdict.BLOCK, decide(ISSUED_DRIVE_ONLY, "1a86", "e429", null, List.of(UsbKind.STORAGE, UsbKind.INPUT)).verdict());
    }

    @Test
    void aPhoneInMtpModeCountsAsStorageByDefault() {
        assertEquals(new UsbDecision(UsbVerdict.BLOCK, "usb.storage=block", "MTP/PTP counted as storage (usb.phones=storage)"),
                decide(ISSUED_DRIVE_ONLY, "04e8", "6860", "R58M", List.of(UsbKind.PHONE)));
    }

    @Test
    void phonesAllowLetsPhonesThroughButNotStorage() {
        UsbPolicy phonesAllowed = policy("usb:\n  phones: allow\n");
        assertEquals(new UsbDecision(UsbVerdict.ALLOW, "usb.phones=allow", ""), decide(phonesAllowed, "04e8", "6860", null, List.of(UsbKind.PHONE)));
        assertEquals(UsbVerdict.BLOCK, decide(phonesAllowed, "04e8", "6860", null, List.of(UsbKind.STORAGE, UsbKind.PHONE)).verdict());
    }

    @Test
    void readOnlyStorageIsReadOnlyButAPhoneCannotBeSoItIsBlocked() {
        UsbPolicy readOnly = policy("usb:\n  storage: read-only\n");
        assertEquals(new UsbDecision(UsbVerdict.READ_ONLY, "usb.storage=read-only", ""), decide(readOnly, "0781", "5567", null, STORAGE));
        assertEquals(UsbVerdict.BLOCK, decide(readOnly, "04e8", "6860", null, List.of(UsbKind.PHONE)).verdict());
    }

    @Test
    void storageAllowAllowsEveryDrive() {
        assertEquals(new UsbDecision(UsbVerdict.ALLOW, "usb.storage=allow", ""),
                decide(policy("usb:\n  storage: allow\n"), "0781", "5567", null, STORAGE));
    }

    @Test
    void aNetworkAdapterIsReportedNotBlockedHere() {
        assertEquals(new UsbDecision(UsbVerdict.ALLOW, "not-storage", ""),
                decide(ISSUED_DRIVE_ONLY, "0bda", "8153", null, List.of(UsbKind.NETWORK)));
    }

    @Test
    void theFirstMatchingEntryDecides() {
        UsbPolicy two = policy("""
                usb:
                  allow:
                    - vendorId: "0951"
                      productId: "1666"
                      note: model
                    - vendorId: "0951"
                      productId: "1666"
                      serial: "X"
                      note: exact
                """);
        assertEquals("usb.allow[0]", decide(two, "0951", "1666", "X", STORAGE).rule());
    }
}
