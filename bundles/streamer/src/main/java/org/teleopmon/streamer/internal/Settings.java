package org.teleopmon.streamer.internal;

import java.util.Arrays;
import java.util.List;

/** The configuration as plain values, so the server and tests need no annotation proxies. */
public record Settings(String host, int port, int maxClients, int sendQueueSize, int sendQueueBytes,
        int inputBytesPerSecond, int replayBufferSize, int maxMessageSize, int historySeconds, String authToken,
        List<String> allowedOrigins, List<String> allowedHosts) {

    public Settings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host.trim();
        authToken = authToken == null ? "" : authToken.trim();
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    public static Settings from(StreamerConfig config) {
        return new Settings(config.host(), config.port(), config.max_clients(), config.send_queue_size(),
                config.send_queue_bytes(), config.max_input_rate(), config.replay_buffer_size(),
                config.max_message_size(), config.history_seconds(), config.auth_token(),
                list(config.allowed_origins()), list(config.allowed_hosts()));
    }

    /** Defaults for a local server on {@code port}; tests and benchmarks adjust from here. */
    public static Settings local(int port) {
        return new Settings("127.0.0.1", port, 100, 256, 1 << 20, 256 * 1024, 1000, 65536, 60, "", List.of(),
                List.of());
    }

    public Settings withLimits(int maxClients, int sendQueueSize, int replayBufferSize) {
        return new Settings(host, port, maxClients, sendQueueSize, sendQueueBytes, inputBytesPerSecond,
                replayBufferSize, maxMessageSize, historySeconds, authToken, allowedOrigins, allowedHosts);
    }

    public Settings withBudgets(int queueBytes, int inputRate) {
        return new Settings(host, port, maxClients, sendQueueSize, queueBytes, inputRate, replayBufferSize,
                maxMessageSize, historySeconds, authToken, allowedOrigins, allowedHosts);
    }

    public Settings withAccess(String token, List<String> origins) {
        return new Settings(host, port, maxClients, sendQueueSize, sendQueueBytes, inputBytesPerSecond,
                replayBufferSize, maxMessageSize, historySeconds, token, origins, allowedHosts);
    }

    public Settings withHosts(List<String> hosts) {
        return new Settings(host, port, maxClients, sendQueueSize, sendQueueBytes, inputBytesPerSecond,
                replayBufferSize, maxMessageSize, historySeconds, authToken, allowedOrigins, hosts);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of()
                : Arrays.stream(values).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
