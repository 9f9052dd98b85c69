package vn.canhgac.server.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the admin API, used by the server and by {@code canhgacctl}:
 * instants as ISO-8601 text ({@code 2026-11-02T08:00:00Z}), absent values as {@code null}.
 */
public final class ApiJson {

    private ApiJson() {}

    /**
     * A mapper for reading answers. It ignores fields it does not know, so an older
     * {@code canhgacctl} keeps working against a newer server that adds fields.
     */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"role":"a","role":"b"} is an error, not "the last one wins".
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
