package vn.canhgac.protocol.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes certificates and private keys as PEM, with errors that name the file. */
public final class Pem {

    /** Larger than any certificate chain or key we write; a bigger file is not ours. */
    private static final long MAX_PEM_BYTES = 256 * 1024;

    private Pem() {}

    public static String encode(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot PEM-encode " + certificateOrKey.getClass().getSimpleName(), e);
        }
        return out.toString();
    }

    public static String encodeAll(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        certificates.forEach(c -> out.append(encode(c)));
        return out.toString();
    }

    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(readLimited(file)))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (!(item instanceof X509CertificateHolder holder)) {
                    throw new IllegalArgumentException(file + ": expected only certificates, found " + item.getClass().getSimpleName());
                }
                certificates.add(new JcaX509CertificateConverter().setProvider(Providers.bc()).getCertificate(holder));
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(file + " is not a readable PEM certificate file: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no certificate");
        }
        return certificates;
    }

    public static PrivateKey readPrivateKey(Path file) {
        try (PEMParser parser = new PEMParser(new StringReader(readLimited(file)))) {
            Object item = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Providers.bc());
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (item instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IllegalArgumentException(file + ": expected an unencrypted private key, found "
                    + (item == null ? "nothing" : item.getClass().getSimpleName()));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable PEM private key: " + e.getMessage(), e);
        }
    }

    public static PublicKey readPublicKey(Path file) {
        try (PEMParser parser = new PEMParser(new StringReader(readLimited(file)))) {
            Object item = parser.readObject();
            if (item instanceof SubjectPublicKeyInfo info) {
                return new JcaPEMKeyConverter().setProvider(Providers.bc()).getPublicKey(info);
            }
            throw new IllegalArgumentException(file + ": expected a public key, found "
                    + (item == null ? "nothing" : item.getClass().getSimpleName()));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable PEM public key: " + e.getMessage(), e);
        }
    }

    private static String readLimited(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist or is not a file");
        }
        if (Files.size(file) > MAX_PEM_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_PEM_BYTES + " bytes: not a PEM file of ours");
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
