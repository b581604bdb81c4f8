package org.teleopmon.streamer.internal;

import java.util.Arrays;
import java.util.List;

/** The configuration as plain values, so the server and tests need no annotation proxies. */
public record Settings(String host, int port, int maxClients, int sendQueueSize, int replayBufferSize,
        int maxMessageSize, int historySeconds, String authToken, List<String> allowedOrigins) {

    public Settings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host.trim();
        authToken = authToken == null ? "" : authToken.trim();
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    public static Settings from(StreamerConfig config) {
        List<String> origins = config.allowed_origins() == null ? List.of()
                : Arrays.stream(config.allowed_origins()).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new Settings(config.host(), config.port(), config.max_clients(), config.send_queue_size(),
                config.replay_buffer_size(), config.max_message_size(), config.history_seconds(), config.auth_token(),
                origins);
    }

    /** Defaults for a local server on {@code port}; tests and benchmarks adjust from here. */
    public static Settings local(int port) {
        return new Settings("127.0.0.1", port, 100, 256, 1000, 65536, 60, "", List.of());
    }

    public Settings withLimits(int maxClients, int sendQueueSize, int replayBufferSize) {
        return new Settings(host, port, maxClients, sendQueueSize, replayBufferSize, maxMessageSize, historySeconds,
                authToken, allowedOrigins);
    }

    public Settings withAccess(String token, List<String> origins) {
        return new Settings(host, port, maxClients, sendQueueSize, replayBufferSize, maxMessageSize, historySeconds,
                token, origins);
    }
}
