package io.backbeat.localcloud.redshift;

import java.util.Map;
import java.util.Objects;

/**
 * A Data API error response: HTTP 400 (500 for {@code InternalServerException}) with
 * {@code {"__type": type, "message": ..., ...fields}}, which the SDK turns into the exception class
 * of that name (ResourceNotFoundException reads {@code ResourceId} from the body).
 */
final class DataApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final transient Map<String, String> fields;

    private DataApiException(String type, String message, Map<String, String> fields) {
        super(message);
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.fields = Map.copyOf(fields);
    }

    static DataApiException validation(String message) {
        return new DataApiException("ValidationException", message, Map.of());
    }

    static DataApiException resourceNotFound(String id, String message) {
        return new DataApiException("ResourceNotFoundException", message, Map.of("ResourceId", id));
    }

    static DataApiException unknownOperation(String target) {
        return new DataApiException("UnknownOperationException",
                "X-Amz-Target '" + target + "' names no RedshiftData operation", Map.of());
    }

    /** What AWS answers to an access key id it does not know. */
    static DataApiException unrecognizedClient(String accessKey) {
        return new DataApiException("UnrecognizedClientException", "The security token included in the request is"
                + " invalid. (Access key '" + accessKey + "' is neither LocalClients.CREDENTIALS nor one of"
                + " LocalRedshift.credentialsFor(iamRoleName).)", Map.of());
    }

    static DataApiException internal(String message) {
        return new DataApiException("InternalServerException", message, Map.of());
    }

    /** Something of the real Data API that this endpoint does not do, refused rather than ignored. */
    static DataApiException unsupported(String what) {
        return validation("not supported by the local Redshift endpoint: " + what);
    }

    String type() {
        return type;
    }

    Map<String, String> fields() {
        return fields;
    }

    int httpStatus() {
        return type.equals("InternalServerException") ? 500 : 400;
    }
}
