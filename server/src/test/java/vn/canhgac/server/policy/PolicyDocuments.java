package vn.canhgac.server.policy;

import java.nio.charset.StandardCharsets;

/** Policy documents for tests: valid ones by name and USB storage rule, and the broken kinds authors write. */
public final class PolicyDocuments {

    private PolicyDocuments() {}

    public static byte[] valid(String name, String storage) {
        return text(name, storage).getBytes(StandardCharsets.UTF_8);
    }

    public static String text(String name, String storage) {
        return """
                apiVersion: canhgac/v1
                kind: Policy
                metadata:
                  name: %s
                  description: Chính sách thử
                usb:
                  storage: %s
                software:
                  mode: deny-list
                  action: alert
                documents:
                  scan: true
                  roots: ["/home"]
                  maxFileSizeMb: 50
                """.formatted(name, storage);
    }
}
