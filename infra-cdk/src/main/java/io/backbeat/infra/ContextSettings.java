package io.backbeat.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * The settings that differ between environments, read from the CDK context ({@code -c key=value} on the command
 * line, or {@code "context"} in {@code cdk.json}) in this one place:
 *
 * <pre>{@code
 * -c availabilityZones=a,b,c              the warehouse's zones: letters of the stack's Region, or full names
 * -c reservedConcurrency.load=5           a function's reserved concurrency (validate, transform, load, publish)
 * -c deletionProtection=true              the tables' deletion protection (default: on for environment prod only)
 * -c warehouseLogRetentionDays=365        how long Redshift's audit logs are kept (a CloudWatch Logs retention)
 * -c catalogArtistListKey=config/catalog/artist-ids.txt   the artist list's key in the landing bucket
 * -c catalogSchedule='cron(0 3 * * ? *)'  when the catalogue extraction runs (EventBridge Scheduler, UTC)
 * -c catalogScheduleEnabled=false         the schedule stays, disabled: extractions only by hand
 * -c catalogApiBaseUrl=https://api.spotify.com              the Web API (a fake, for a test stack)
 * -c catalogTokenUrl=https://accounts.spotify.com/api/token the client-credentials token endpoint
 * -c catalogArtistsPerBatch=100           artists per invocation of the extract function
 * }</pre>
 *
 * Every value is checked; a wrong one fails synthesis with a message naming the key. The catalogue settings are
 * {@link CatalogSettings}.
 */
final class ContextSettings {
    static final String AVAILABILITY_ZONES = "availabilityZones";
    static final String RESERVED_CONCURRENCY = "reservedConcurrency.";
    static final String DELETION_PROTECTION = "deletionProtection";
    static final String WAREHOUSE_LOG_RETENTION_DAYS = "warehouseLogRetentionDays";
    static final String CATALOG_ARTIST_LIST_KEY = "catalogArtistListKey";
    static final String CATALOG_SCHEDULE = "catalogSchedule";
    static final String CATALOG_SCHEDULE_ENABLED = "catalogScheduleEnabled";
    static final String CATALOG_API_BASE_URL = "catalogApiBaseUrl";
    static final String CATALOG_TOKEN_URL = "catalogTokenUrl";
    static final String CATALOG_ARTISTS_PER_BATCH = "catalogArtistsPerBatch";
    /** The retentions CloudWatch Logs accepts, in days. */
    private static final Map<Integer, RetentionDays> RETENTIONS = retentions();

    private ContextSettings() {}

    /** {@code props} with what the context of {@code node} sets. */
    static BackbeatStackProps apply(Node node, BackbeatStackProps props) {
        BackbeatStackProps result = props;
        Object zones = node.tryGetContext(AVAILABILITY_ZONES);
        Object retention = node.tryGetContext(WAREHOUSE_LOG_RETENTION_DAYS);
        if (zones != null || retention != null) {
            WarehouseProps.Settings warehouse = props.warehouse();
            result = result.withWarehouse(new WarehouseProps.Settings(
                    zones == null ? warehouse.availabilityZones() : list(zones),
                    retention == null ? warehouse.auditLogRetention() : retention(retention)));
        }
        Map<String, Integer> reservations = reservations(node);
        if (!reservations.isEmpty()) {
            result = result.withTuning(result.tuning().withReservedConcurrency(reservations));
        }
        Object protection = node.tryGetContext(DELETION_PROTECTION);
        if (protection != null) {
            result = result.withTables(result.tables().withDeletionProtection(bool(DELETION_PROTECTION, protection)));
        }
        return result.withCatalog(catalog(node, result.catalog()));
    }

    /** {@code catalog} with what the context sets; a wrong value names its key. */
    private static CatalogSettings catalog(Node node, CatalogSettings catalog) {
        CatalogSettings result = catalog;
        result = text(node, CATALOG_ARTIST_LIST_KEY, result, result::withArtistListKey);
        result = text(node, CATALOG_SCHEDULE, result, result::withSchedule);
        result = text(node, CATALOG_API_BASE_URL, result, result::withApiBaseUrl);
        result = text(node, CATALOG_TOKEN_URL, result, result::withTokenUrl);
        Object enabled = node.tryGetContext(CATALOG_SCHEDULE_ENABLED);
        if (enabled != null) {
            result = result.withScheduleEnabled(bool(CATALOG_SCHEDULE_ENABLED, enabled));
        }
        Object perBatch = node.tryGetContext(CATALOG_ARTISTS_PER_BATCH);
        if (perBatch != null) {
            int size = integer(CATALOG_ARTISTS_PER_BATCH, perBatch);
            try {
                result = result.withArtistsPerBatch(size);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("context " + CATALOG_ARTISTS_PER_BATCH + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    /** {@code settings} changed by {@code apply} to the key's value, if the context has one; its complaint names the key. */
    private static CatalogSettings text(Node node, String key, CatalogSettings settings,
            Function<String, CatalogSettings> apply) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return settings;
        }
        try {
            return apply.apply(value.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("context " + key + ": " + e.getMessage(), e);
        }
    }

    /** Every {@code reservedConcurrency.<function>} key of the context. */
    private static Map<String, Integer> reservations(Node node) {
        Map<String, Integer> reservations = new TreeMap<>();
        if (node.getAllContext() instanceof Map<?, ?> all) {
            all.forEach((key, value) -> {
                if (key.toString().startsWith(RESERVED_CONCURRENCY)) {
                    reservations.put(key.toString().substring(RESERVED_CONCURRENCY.length()), integer(key.toString(), value));
                }
            });
        }
        return reservations;
    }

    /** A comma-separated string ({@code -c key=a,b,c}) or a JSON list ({@code cdk.json}). */
    private static List<String> list(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item).trim()));
        } else {
            Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        }
        return items;
    }

    private static int integer(String key, Object value) {
        try {
            return value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static boolean bool(String key, Object value) {
        String text = value.toString().trim();
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("context " + key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private static RetentionDays retention(Object value) {
        RetentionDays retention = RETENTIONS.get(integer(WAREHOUSE_LOG_RETENTION_DAYS, value));
        if (retention == null) {
            throw new IllegalArgumentException("context " + WAREHOUSE_LOG_RETENTION_DAYS + " must be a retention CloudWatch"
                    + " Logs accepts, one of " + RETENTIONS.keySet() + " days, got '" + value + "'");
        }
        return retention;
    }

    private static Map<Integer, RetentionDays> retentions() {
        Map<Integer, RetentionDays> days = new TreeMap<>();
        days.put(1, RetentionDays.ONE_DAY);
        days.put(3, RetentionDays.THREE_DAYS);
        days.put(5, RetentionDays.FIVE_DAYS);
        days.put(7, RetentionDays.ONE_WEEK);
        days.put(14, RetentionDays.TWO_WEEKS);
        days.put(30, RetentionDays.ONE_MONTH);
        days.put(60, RetentionDays.TWO_MONTHS);
        days.put(90, RetentionDays.THREE_MONTHS);
        days.put(120, RetentionDays.FOUR_MONTHS);
        days.put(150, RetentionDays.FIVE_MONTHS);
        days.put(180, RetentionDays.SIX_MONTHS);
        days.put(365, RetentionDays.ONE_YEAR);
        days.put(400, RetentionDays.THIRTEEN_MONTHS);
        days.put(545, RetentionDays.EIGHTEEN_MONTHS);
        days.put(731, RetentionDays.TWO_YEARS);
        days.put(1096, RetentionDays.THREE_YEARS);
        days.put(1827, RetentionDays.FIVE_YEARS);
        days.put(2192, RetentionDays.SIX_YEARS);
        days.put(2557, RetentionDays.SEVEN_YEARS);
        days.put(2922, RetentionDays.EIGHT_YEARS);
        days.put(3288, RetentionDays.NINE_YEARS);
        days.put(3653, RetentionDays.TEN_YEARS);
        return days;
    }
}
