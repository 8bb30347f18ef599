package io.backbeat.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Reads the landing bucket's synthesized notification configuration the way S3 applies it. */
final class Notifications {
    /** One Lambda notification rule: events, key prefix and suffix, and the function reference it invokes. */
    record Rule(List<String> events, String prefix, String suffix, Object target) {
        boolean matches(String key) {
            return key.startsWith(prefix) && key.endsWith(suffix);
        }
    }

    private Notifications() {}

    @SuppressWarnings("unchecked")
    static List<Rule> rules(Template template) {
        Map<String, Object> notifications = (Map<String, Object>) template.findResources("Custom::S3BucketNotifications")
                .values().iterator().next().get("Properties");
        List<Map<String, Object>> configurations = (List<Map<String, Object>>)
                ((Map<String, Object>) notifications.get("NotificationConfiguration")).get("LambdaFunctionConfigurations");
        return configurations.stream().map(configuration -> {
            List<Map<String, String>> filters = (List<Map<String, String>>)
                    ((Map<String, Object>) ((Map<String, Object>) configuration.get("Filter")).get("Key")).get("FilterRules");
            String prefix = "";
            String suffix = "";
            for (Map<String, String> filter : filters) {
                if (filter.get("Name").equals("prefix")) {
                    prefix = filter.get("Value");
                } else {
                    suffix = filter.get("Value");
                }
            }
            return new Rule((List<String>) configuration.get("Events"), prefix, suffix, configuration.get("LambdaFunctionArn"));
        }).toList();
    }

    /** The functions a new object with this key is sent to. */
    static List<Object> targetsOf(Template template, String key) {
        return rules(template).stream().filter(rule -> rule.matches(key)).map(Rule::target).toList();
    }
}
