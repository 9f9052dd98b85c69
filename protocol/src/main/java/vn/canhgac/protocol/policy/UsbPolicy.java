package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code usb} section: what happens to removable storage, and the exceptions. */
public record UsbPolicy(StorageAction storage, PhoneRule phones, List<AllowedDevice> allow) {

    public static final UsbPolicy DEFAULT = new UsbPolicy((String) null, null, null);

    public enum StorageAction implements Choices.Spelled {
        BLOCK("block"), READ_ONLY("read-only"), ALLOW("allow");

        private final String word;

        StorageAction(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** Whether phones and cameras in MTP/PTP mode count as storage. */
    public enum PhoneRule implements Choices.Spelled {
        STORAGE("storage"), ALLOW("allow");

        private final String word;

        PhoneRule(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    @JsonCreator
    public UsbPolicy(@JsonProperty("storage") String storage, @JsonProperty("phones") String phones,
                     @JsonProperty("allow") List<AllowedDevice> allow) {
        this(Choices.parse(StorageAction.class, "storage", storage, StorageAction.BLOCK),
                Choices.parse(PhoneRule.class, "phones", phones, PhoneRule.STORAGE),
                allow == null ? List.of() : List.copyOf(allow));
    }

    /**
     * An exception to the storage rule. Vendor and product ids are kept as 4 lower-case hex
     * digits; the serial, when given, must match exactly (case-sensitive).
     */
    public record AllowedDevice(String vendorId, String productId, Optional<String> serial, String note) {

        @JsonCreator
        public AllowedDevice(@JsonProperty(value = "vendorId", required = true) String vendorId,
                             @JsonProperty(value = "productId", required = true) String productId,
                             @JsonProperty("serial") String serial,
                             @JsonProperty("note") String note) {
            this(hexId("vendorId", vendorId), hexId("productId", productId), Optional.ofNullable(serial).filter(s -> !s.isEmpty()),
                    note == null ? "" : note);
        }

        public boolean matches(String deviceVendorId, String deviceProductId, Optional<String> deviceSerial) {
            return vendorId.equalsIgnoreCase(deviceVendorId) && productId.equalsIgnoreCase(deviceProductId)
                    && (serial.isEmpty() || serial.equals(deviceSerial));
        }

        private static String hexId(String field, String value) {
            if (value == null || !value.matches("[0-9A-Fa-f]{4}")) {
                throw new FieldError(field, "must be 4 hex digits, e.g. \"0951\" (got \"" + value + "\")");
            }
            return value.toLowerCase(Locale.ROOT);
        }
    }
}
