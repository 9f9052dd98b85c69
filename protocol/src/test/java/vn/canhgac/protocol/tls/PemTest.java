package vn.canhgac.protocol.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    @TempDir
    Path directory;

    @Test
    void privateKeyRoundTrips() {
        KeyPair pair = KeyPairs.newP256(new SecureRandom());
        Path file = directory.resolve("k.pem");
        KeyFiles.writeSecret(file, Pem.encode(pair.getPrivate()));
        assertEquals(pair.getPrivate(), Pem.readPrivateKey(file));
    }

    @Test
    void corruptCertificateFileIsNamedInTheError() throws Exception {
        Path file = directory.resolve("ca.crt");
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\nnot base64!!\n-----END CERTIFICATE-----\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void hugeFileIsRefusedWithoutParsing() throws Exception {
        Path file = directory.resolve("big.crt");
        Files.write(file, new byte[300 * 1024]);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates(file));
        assertTrue(error.getMessage().contains("larger than"), error.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Pem.readPrivateKey(directory.resolve("nope")));
        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
    }
}
