package vn.canhgac.protocol.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    @Test
    void hybridPostQuantumGroupIsPreferredByDefaultWithClassicalFallback() {
        assertEquals(List.of("X25519MLKEM768", "x25519", "secp256r1"), TlsSettings.HYBRID_PREFERRED.namedGroups());
        assertEquals("X25519MLKEM768", TlsSettings.HYBRID_PREFERRED.earlyKeyShare());
    }

    @Test
    void misspelledGroupIsRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new TlsSettings(List.of("X25519MLKEM786")));
        assertTrue(error.getMessage().contains("X25519MLKEM786"), error.getMessage());
    }

    @Test
    void emptyGroupListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(List.of()));
    }
}
