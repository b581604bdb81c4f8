package org.teleopmon.metrics.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link MetricsConfig} with its declared defaults, some overridden by method name. */
final class TestConfig {

    private TestConfig() {
    }

    static MetricsConfig with(Map<String, Object> overrides) {
        return (MetricsConfig) Proxy.newProxyInstance(MetricsConfig.class.getClassLoader(),
                new Class<?>[] {MetricsConfig.class}, (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getName().equals("annotationType")) {
                        return MetricsConfig.class;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static MetricsConfig defaults() {
        return with(Map.of());
    }
}
