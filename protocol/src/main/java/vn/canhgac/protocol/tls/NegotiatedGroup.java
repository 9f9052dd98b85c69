package vn.canhgac.protocol.tls;

import io.netty.handler.ssl.SslHandler;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.bouncycastle.jsse.BCSSLConnection;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;

/**
 * Names the key-exchange group a finished handshake used, for the per-connection log line that
 * shows whether the hybrid post-quantum group was in force.
 *
 * <p>BCJSSE 1.84 has no public accessor for it, so this reads the connection's TLS context by
 * reflection. It is diagnostics only: when the internals move, it answers {@code "unknown"} and
 * the connection is unaffected.
 */
public final class NegotiatedGroup {

    public static final String UNKNOWN = "unknown";

    private NegotiatedGroup() {}

    public static String of(SslHandler handler) {
        if (!(handler.engine() instanceof BCSSLEngine engine)) {
            return UNKNOWN;
        }
        BCSSLConnection connection = engine.getConnection();
        if (connection == null) {
            return UNKNOWN;
        }
        try {
            Field peerField = connection.getClass().getDeclaredField("tlsPeer");
            peerField.setAccessible(true);
            Object peer = peerField.get(connection);
            Method contextMethod = Class.forName("org.bouncycastle.jsse.provider.ProvTlsPeer").getDeclaredMethod("getTlsContext");
            contextMethod.setAccessible(true);
            TlsContext context = (TlsContext) contextMethod.invoke(peer);
            SecurityParameters parameters = context.getSecurityParametersConnection();
            if (parameters == null) {
                return UNKNOWN;
            }
            String name = NamedGroup.getName(parameters.getNegotiatedGroup());
            return name == null ? UNKNOWN : name;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
