package vn.canhgac.protocol.tls;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The Bouncy Castle providers, created once. They are used by name-less reference rather than
 * installed JVM-wide, so nothing else in the process changes behaviour; only the BC JCE provider
 * is added (at the end of the list) because BCJSSE looks algorithms up through it.
 */
public final class Providers {

    private static final Provider BC;
    private static final Provider BCJSSE;

    static {
        Provider installed = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (installed == null) {
            installed = new BouncyCastleProvider();
            Security.addProvider(installed);
        }
        BC = installed;
        BCJSSE = new BouncyCastleJsseProvider(BC);
    }

    private Providers() {}

    public static Provider bc() {
        return BC;
    }

    public static Provider jsse() {
        return BCJSSE;
    }
}
