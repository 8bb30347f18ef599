package io.backbeat.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.backbeat.events.Dataset;
import io.backbeat.events.ReasonCode;
import java.io.IOException;
import java.util.Arrays;

/** The manifest's JSON form: snake_case names, and the stable string codes of datasets and reasons. */
final class ManifestJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(codes())
            .build();

    private ManifestJson() {}

    static String write(GenerationManifest manifest) {
        try {
            return MAPPER.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write manifest as JSON: " + e.getMessage(), e);
        }
    }

    static GenerationManifest read(String json) {
        try {
            return MAPPER.readValue(json, GenerationManifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a generation manifest: " + e.getOriginalMessage(), e);
        }
    }

    private static SimpleModule codes() {
        SimpleModule module = new SimpleModule("backbeat-codes");
        module.addSerializer(Dataset.class, new JsonSerializer<>() {
            @Override
            public void serialize(Dataset dataset, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(dataset.id());
            }
        });
        module.addDeserializer(Dataset.class, new JsonDeserializer<>() {
            @Override
            public Dataset deserialize(JsonParser json, DeserializationContext context) throws IOException {
                return Dataset.of(json.getValueAsString());
            }
        });
        module.addKeySerializer(ReasonCode.class, new JsonSerializer<>() {
            @Override
            public void serialize(ReasonCode reason, JsonGenerator json, SerializerProvider provider)
                    throws IOException {
                json.writeFieldName(reason.code());
            }
        });
        module.addKeyDeserializer(ReasonCode.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                return Arrays.stream(ReasonCode.values())
                        .filter(reason -> reason.code().equals(key))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown reason code '" + key + "'"));
            }
        });
        return module;
    }
}
