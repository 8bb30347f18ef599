package io.backbeat.localcloud.events;

import java.nio.charset.StandardCharsets;

/**
 * Encodes an object key the way S3 writes it into event notifications: form encoding (space as
 * '+'), UTF-8 percent-encoding of every byte but the RFC 3986 unreserved characters, and '/' left
 * as it is. {@code URLDecoder.decode(key, UTF_8)} reverses it, which is what handlers do. See
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">the
 * event message structure</a>: "red flower.jpg" becomes "red+flower.jpg".
 */
final class S3KeyEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3KeyEncoding() {}

    static String encode(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || c == '/') {
                encoded.append((char) c);
            } else if (c == ' ') {
                encoded.append('+');
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
