package vn.canhgac.protocol.bundle;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;
import vn.canhgac.protocol.Errors;
import vn.canhgac.protocol.ProtocolVersion;
import vn.canhgac.protocol.tls.Fingerprints;
import vn.canhgac.protocol.v1.Event;
import vn.canhgac.protocol.v1.EventBundle;
import vn.canhgac.protocol.v1.SignedEventBundle;

/**
 * Reads a bundle file and checks everything the file alone can prove: it is one well-formed
 * {@code SignedEventBundle} with no byte outside its fields, signed with {@value BundleFormat#SIGNATURE_ALGORITHM}
 * by the key of the certificate it carries (over that certificate's hash and the events), and its events are exactly the consecutive
 * sequences its header names. The checks run in that order, so a changed byte inside the signed
 * part is reported as a failed signature rather than as whatever it happens to break.
 */
public final class SignedBundles {

    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private SignedBundles() {}

    /**
     * @param file the whole file, at most {@link BundleFormat#MAX_FILE_BYTES}
     * @throws BundleException naming what is wrong
     */
    public static VerifiedBundle verify(byte[] file) {
        if (file.length == 0) {
            throw malformed("the file is empty; a bundle is the file `canhgac-agent export` wrote, ending in " + BundleFormat.FILE_SUFFIX);
        }
        if (file.length > BundleFormat.MAX_FILE_BYTES) {
            throw malformed("the file is " + file.length + " bytes, more than the " + BundleFormat.MAX_FILE_BYTES
                    + " a bundle can be; it is not a bundle of ours (the agent splits larger exports into several files)");
        }
        SignedEventBundle signed = parseSigned(file);
        if (!BundleFormat.SIGNATURE_ALGORITHM.equals(signed.getSignatureAlgorithm())) {
            throw malformed("the bundle's signature algorithm \"" + Errors.printable(signed.getSignatureAlgorithm())
                    + "\" is not supported; bundles are signed with " + BundleFormat.SIGNATURE_ALGORITHM);
        }
        if (signed.getBundle().isEmpty() || signed.getSignature().isEmpty() || signed.getCertificateDer().isEmpty()) {
            throw malformed("the bundle lacks its events, its signature or its certificate");
        }
        X509Certificate certificate = certificate(signed.getCertificateDer());
        verifySignature(signed, certificate);
        EventBundle bundle;
        try {
            bundle = EventBundle.parseFrom(signed.getBundle());
        } catch (InvalidProtocolBufferException e) {
            throw malformed("the signed part of the bundle is not a readable EventBundle (" + e.getMessage() + ")", e);
        }
        checkStructure(bundle);
        return new VerifiedBundle(bundle, certificate, Fingerprints.sha256Hex(file));
    }

    private static SignedEventBundle parseSigned(byte[] file) {
        SignedEventBundle signed;
        try {
            CodedInputStream input = CodedInputStream.newInstance(file);
            // The events (up to 16 MiB) are then a view of the file's bytes, not a second copy.
            input.enableAliasing(true);
            signed = SignedEventBundle.parseFrom(input);
        } catch (IOException e) {
            throw malformed("the file is not a Canh Gác bundle: it does not parse as a SignedEventBundle (" + e.getMessage()
                    + "); it may be damaged or truncated, or another kind of file", e);
        }
        // Protobuf skips fields it does not know and keeps the last of repeated ones; neither is
        // something our exporter writes, so either means the file was changed after it was written.
        if (!signed.getUnknownFields().asMap().isEmpty() || signed.getSerializedSize() != file.length) {
            throw malformed("the file holds bytes that are not part of the bundle it carries (unknown or repeated fields);"
                    + " it was changed after it was written");
        }
        return signed;
    }

    private static X509Certificate certificate(ByteString der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der.toByteArray()));
        } catch (CertificateException | ClassCastException e) {
            throw malformed("the certificate in the bundle is not a readable X.509 certificate (" + e.getMessage() + ")", e);
        }
    }

    private static void verifySignature(SignedEventBundle signed, X509Certificate certificate) {
        boolean valid;
        try {
            Signature verifier = BundleFormat.verifier(certificate, signed.getCertificateDer().toByteArray());
            verifier.update(signed.getBundle().asReadOnlyByteBuffer());
            valid = verifier.verify(signed.getSignature().toByteArray());
        } catch (GeneralSecurityException e) {
            // A signature that is not even a DER ECDSA value is one more way of not verifying.
            valid = false;
        }
        if (!valid) {
            throw new BundleException(BundleException.Kind.SIGNATURE_INVALID, "the bundle's signature does not verify with the"
                    + " certificate it carries (" + subject(certificate) + "): the bundle was changed after the agent signed it,"
                    + " on purpose or by a damaged medium; export it again from the agent");
        }
    }

    private static void checkStructure(EventBundle bundle) {
        if (!ProtocolVersion.isSupported(bundle.getProtocolVersion())) {
            throw malformed("bundle " + ProtocolVersion.refusal(bundle.getProtocolVersion()));
        }
        if (!AGENT_ID.matcher(bundle.getAgentId()).matches()) {
            throw malformed("the bundle's agent id \"" + Errors.printable(bundle.getAgentId())
                    + "\" is not an agent id (1 to 100 letters, digits, '.', '_' or '-')");
        }
        List<Event> events = bundle.getEventsList();
        if (events.isEmpty() || events.size() > BundleFormat.MAX_EVENTS) {
            throw malformed("a bundle holds 1 to " + BundleFormat.MAX_EVENTS + " events (this one " + events.size() + ")");
        }
        long first = bundle.getFirstSequence();
        long last = bundle.getLastSequence();
        if (first < 1 || last != first + events.size() - 1) {
            throw malformed("the bundle's header names sequences " + Long.toUnsignedString(first) + ".." + Long.toUnsignedString(last)
                    + " but it holds " + events.size() + " events");
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getSequence() != first + i) {
                throw malformed("event " + i + " of the bundle has sequence " + Long.toUnsignedString(events.get(i).getSequence())
                        + " where " + (first + i) + " was expected; a bundle's events are consecutive");
            }
        }
    }

    private static String subject(X509Certificate certificate) {
        return Errors.printable(certificate.getSubjectX500Principal().getName());
    }

    private static BundleException malformed(String message) {
        return new BundleException(BundleException.Kind.MALFORMED, message);
    }

    private static BundleException malformed(String message, Throwable cause) {
        return new BundleException(BundleException.Kind.MALFORMED, message, cause);
    }
}
