package vn.canhgac.server.soc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import vn.canhgac.protocol.signing.DualSignature;
import vn.canhgac.protocol.signing.DualSigner;
import vn.canhgac.protocol.signing.SigningDomain;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.store.UnitEvent;

/**
 * Batches of events POSTed as {@code {"events":[...]}} over HTTPS (TLS 1.3), the exact body bytes
 * signed with the server's Ed25519 and ML-DSA-65 keys under {@link SigningDomain#SOC_EXPORT}; the
 * base64 signatures travel in {@value #ED25519_HEADER} and {@value #ML_DSA_65_HEADER}, the keys'
 * fingerprint in {@value #KEY_HEADER}. Only a 2xx answer counts as delivered; a receiver that has
 * already stored a batch and answers too late gets it again, with the same event ids.
 */
final class HttpsJsonSender implements EventSender {
    static final String ED25519_HEADER = "X-CanhGac-Signature-Ed25519";
    static final String ML_DSA_65_HEADER = "X-CanhGac-Signature-ML-DSA-65";
    static final String KEY_HEADER = "X-CanhGac-Signing-Key";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SocDestination destination;
    private final SigningKeys keys;
    private final HttpClient client;

    HttpsJsonSender(SocDestination destination, SSLContext tls, SigningKeys keys) {
        this.destination = destination;
        this.keys = keys;
        this.client = HttpClient.newBuilder()
                .sslContext(tls)
                .sslParameters(SocTls.parameters(tls))
                .connectTimeout(Duration.ofMillis(SocSockets.CONNECT_TIMEOUT_MILLIS))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public void send(List<UnitEvent> events) throws DeliveryFailed {
        byte[] body = body(events);
        DualSignature signature = DualSigner.sign(keys, SigningDomain.SOC_EXPORT, body);
        HttpRequest request = HttpRequest.newBuilder(destination.url().orElseThrow())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(ED25519_HEADER, Base64.getEncoder().encodeToString(signature.ed25519()))
                .header(ML_DSA_65_HEADER, Base64.getEncoder().encodeToString(signature.mlDsa65()))
                .header(KEY_HEADER, keys.verifying().fingerprint())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryFailed("could not POST " + events.size() + " events to " + destination.target() + ": " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while POSTing to " + destination.target(), 0, e);
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body();
            throw new DeliveryFailed(destination.target() + " answered " + response.statusCode()
                    + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(200, answer.length()))), 0);
        }
    }

    static byte[] body(List<UnitEvent> events) {
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        ArrayNode array = root.putArray("events");
        events.forEach(event -> array.add(EventJson.of(event)));
        try {
            return EventJson.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a batch of events as JSON", e);
        }
    }

    @Override
    public void close() {
        // HttpClient keeps its own connection pool; a failed request leaves nothing to drop here.
    }
}
