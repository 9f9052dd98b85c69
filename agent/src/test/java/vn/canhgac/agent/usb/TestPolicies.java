package vn.canhgac.agent.usb;

import java.nio.charset.StandardCharsets;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.PolicyParser;

/** Policies for USB tests, written as security staff write them and read by the real parser. */
final class TestPolicies {

    /** Storage blocked except the unit's issued encrypted drive, by its serial. */
    static final String ISSUED_DRIVE_ONLY = """
            usb:
              storage: block
              allow:
                - vendorId: "0951"
                  productId: "1666"
                  serial: "60A44C3FAE3CF1A0"
                  note: USB mã hóa cấp cho Văn phòng
            """;

    private TestPolicies() {}

    /** A whole policy document with the given sections after its header. */
    static Policy policy(String sections) {
        String yaml = "apiVersion: canhgac/v1\nkind: Policy\nmetadata:\n  name: test\n" + sections;
        return PolicyParser.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }
}
