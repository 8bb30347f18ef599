package io.backbeat.functions.extract;

/**
 * The token endpoint gave no access token: it refused the client credentials, or could not be reached. No API
 * request is made without a token, so a run that fails this way before its first token has made none. The
 * message names the token URL and the endpoint's error code, never the credentials.
 */
public final class AuthenticationException extends RuntimeException {

    AuthenticationException(String message) {
        super(message);
    }
}
