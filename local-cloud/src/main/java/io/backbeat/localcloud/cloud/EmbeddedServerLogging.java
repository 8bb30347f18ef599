package io.backbeat.localcloud.cloud;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Sets the embedded servers' loggers to WARN unless the application configured them. S3Proxy and
 * Jetty log every request at DEBUG, and Logback without a configuration logs DEBUG, which slows a
 * multi-gigabyte run by orders of magnitude.
 */
final class EmbeddedServerLogging {
    private static final List<String> LOGGERS =
            List.of("org.gaul", "org.eclipse.jetty", "software.amazon.dynamodb", "com.almworks.sqlite4java");

    private EmbeddedServerLogging() {}

    static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            for (String name : LOGGERS) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARN);
                }
            }
        }
    }
}
