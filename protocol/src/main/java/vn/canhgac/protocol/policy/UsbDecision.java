package vn.canhgac.protocol.policy;

import java.util.List;
import java.util.Optional;
import vn.canhgac.protocol.policy.UsbPolicy.AllowedDevice;
import vn.canhgac.protocol.policy.UsbPolicy.PhoneRule;

/**
 * The verdict on one device under the {@code usb} section of a policy, with the rule that decided
 * it. Pure: the same inputs always give the same decision, and nothing is read or written.
 *
 * <p>Order: devices that are neither storage nor a phone counted as storage are allowed (input
 * and hubs are never blocked, network adapters are reported, not blocked here); then the first
 * allow-list entry that matches wins; then {@code usb.storage}. A phone cannot be made read-only
 * (MTP has no block device), so under {@code read-only} a phone is blocked: fail closed.
 *
 * @param rule which part of the policy decided: {@code usb.allow[0]}, {@code usb.storage=block},
 *             {@code usb.phones=allow}, {@code input-never-blocked}, {@code hub-never-blocked},
 *             {@code not-storage}
 * @param note the allow-list entry's note, or why the rule applied; empty if nothing to add
 */
public record UsbDecision(UsbVerdict verdict, String rule, String note) {

    public static UsbDecision decide(UsbPolicy policy, String vendorId, String productId, Optional<String> serial, List<UsbKind> kinds) {
        boolean storage = kinds.contains(UsbKind.STORAGE);
        boolean phoneAsStorage = !storage && kinds.contains(UsbKind.PHONE) && policy.phones() == PhoneRule.STORAGE;
        if (!storage && kinds.contains(UsbKind.PHONE) && policy.phones() == PhoneRule.ALLOW) {
            return new UsbDecision(UsbVerdict.ALLOW, "usb.phones=allow", "");
        }
        if (!storage && !phoneAsStorage) {
            String rule = kinds.contains(UsbKind.INPUT) ? "input-never-blocked"
                    : kinds.contains(UsbKind.HUB) ? "hub-never-blocked" : "not-storage";
            return new UsbDecision(UsbVerdict.ALLOW, rule, "");
        }
        List<AllowedDevice> allow = policy.allow();
        for (int i = 0; i < allow.size(); i++) {
            if (allow.get(i).matches(vendorId, productId, serial)) {
                return new UsbDecision(UsbVerdict.ALLOW, "usb.allow[" + i + "]", allow.get(i).note());
            }
        }
        String phoneNote = phoneAsStorage ? "MTP/PTP counted as storage (usb.phones=storage)" : "";
        return switch (policy.storage()) {
            case ALLOW -> new UsbDecision(UsbVerdict.ALLOW, "usb.storage=allow", phoneNote);
            case BLOCK -> new UsbDecision(UsbVerdict.BLOCK, "usb.storage=block", phoneNote);
            case READ_ONLY -> phoneAsStorage
                    ? new UsbDecision(UsbVerdict.BLOCK, "usb.storage=read-only", "MTP/PTP cannot be made read-only, so it is blocked")
                    : new UsbDecision(UsbVerdict.READ_ONLY, "usb.storage=read-only", "");
        };
    }
}
