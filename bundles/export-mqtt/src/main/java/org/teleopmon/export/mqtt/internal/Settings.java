package org.teleopmon.export.mqtt.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.teleopmon.api.EventType;

/** The export's configuration, checked and in Java types. */
record Settings(boolean enabled, String brokerUri, String clientId, String username, char[] password, String caFile,
        String clientKeystore, char[] keystorePassword, String topicPrefix, Set<EventType> events,
        Duration stateInterval, long queueMaxBytes, Path queueDir, int keepAliveSeconds, Duration maxDelay,
        Duration timeout) {

    static Settings from(MqttExportConfig config, Path dataDir) {
        Set<EventType> events = Arrays.stream(config.events()).map(String::trim).anyMatch("*"::equals)
                ? Set.of(EventType.values())
                : Arrays.stream(config.events()).map(String::trim).filter(s -> !s.isEmpty())
                        .map(name -> EventType.fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                                "events: '" + name + "' is not an event type (state_update, operator_connected, ...)")))
                        .collect(Collectors.toUnmodifiableSet());
        Path queueDir = config.queue_dir().isBlank() ? dataDir.resolve("export-mqtt") : Path.of(config.queue_dir());
        return new Settings(config.enabled(), config.broker_uri().trim(), config.client_id().trim(),
                config.username(), config.password().toCharArray(), config.tls_ca_file().trim(),
                config.tls_client_keystore().trim(), config.tls_client_keystore_password().toCharArray(),
                config.topic_prefix(), events, seconds(config.state_interval()), config.queue_max_bytes(), queueDir,
                (int) Math.max(1, Math.round(config.keepalive())), seconds(config.reconnect_max_delay()),
                seconds(config.timeout()));
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
