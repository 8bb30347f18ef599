package io.backbeat.cli.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.backbeat.localcloud.events.CreatedObject;
import io.backbeat.localcloud.events.S3EventFixtures;
import io.backbeat.localcloud.wiring.SynthesizedTemplate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers S3 ObjectCreated events to functions the way S3 and Lambda do, for the local deployment:
 * each created object is matched against the template's notification routes and handed, as a real
 * notification, to the matching function asynchronously; an invocation that throws is retried twice
 * after a delay (Lambda's asynchronous retries, shortened), then kept as a dead letter.
 */
final class EventDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
    static final int RETRIES = 2;

    /** A function the events reach: takes a notification, may throw. */
    interface ObjectCreatedHandler {
        void handle(S3Event event) throws Exception;
    }

    /** An event that failed every attempt. */
    record DeadLetter(String functionLogicalId, String key, String error) {}

    /** Where an event goes after its last failed attempt, as Lambda's on-failure destination sends it. */
    interface OnFailure {
        void send(String functionLogicalId, String eventJson, Throwable error, int attempts);
    }

    private final List<SynthesizedTemplate.Route> routes;
    private final Function<String, ObjectCreatedHandler> functions;
    private final Duration retryDelay;
    private final Activity activity;
    private final OnFailure onFailure;
    private final ExecutorService workers;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(daemon("local-lambda-retry"));
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    EventDelivery(List<SynthesizedTemplate.Route> routes, Function<String, ObjectCreatedHandler> functions, int concurrency,
            Duration retryDelay, Activity activity, OnFailure onFailure) {
        this.onFailure = onFailure;
        this.routes = List.copyOf(routes);
        this.functions = functions;
        this.retryDelay = retryDelay;
        this.activity = activity;
        this.workers = Executors.newFixedThreadPool(concurrency, daemon("local-lambda"));
    }

    /** Called for every object created in the local bucket. */
    void objectCreated(CreatedObject object) {
        for (SynthesizedTemplate.Route route : routes) {
            if (route.matches(object.key())) {
                activity.begin();
                workers.execute(() -> invoke(route.functionLogicalId(), object, 0));
            }
        }
    }

    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    private void invoke(String function, CreatedObject object, int attempt) {
        try {
            functions.apply(function).handle(S3EventFixtures.objectsCreated(List.of(object)));
            activity.end();
        } catch (Exception | Error e) {
            if (attempt < RETRIES) {
                LOG.debug("retrying {} for {} after: {}", function, object.key(), e.getMessage());
                retries.schedule(() -> workers.execute(() -> invoke(function, object, attempt + 1)),
                        retryDelay.toMillis() << attempt, TimeUnit.MILLISECONDS);
            } else {
                LOG.warn("event for {} failed {} times in {}: {}", object.key(), attempt + 1, function, e.toString());
                deadLetters.add(new DeadLetter(function, object.key(), e.toString()));
                try {
                    onFailure.send(function, S3EventFixtures.objectsCreatedJson(List.of(object)), e, attempt + 1);
                } catch (RuntimeException notSent) {
                    LOG.error("the failed event for {} could not be sent to the dead-letter queue", object.key(), notSent);
                } finally {
                    activity.end();
                }
            }
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        retries.shutdownNow();
        workers.shutdownNow();
    }
}
