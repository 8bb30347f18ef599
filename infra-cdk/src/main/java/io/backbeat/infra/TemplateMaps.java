package io.backbeat.infra;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Maps handed to CDK in key order. jsii keeps a Java map's iteration order in the template, and {@code Map.of}
 * iterates in an order that changes from one JVM to the next: without this, the state machine definition, the
 * functions' environment and the alarm metrics would differ between two synths of the same code, and every
 * {@code cdk deploy} would update them.
 */
final class TemplateMaps {
    private TemplateMaps() {}

    static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
