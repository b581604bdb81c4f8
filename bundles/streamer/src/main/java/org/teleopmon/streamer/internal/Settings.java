package org.teleopmon.streamer.internal;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

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

    public Settings withHost(String address) {
        return new Settings(address, port, maxClients, sendQueueSize, sendQueueBytes, inputBytesPerSecond,
                replayBufferSize, maxMessageSize, historySeconds, authToken, allowedOrigins, allowedHosts);
    }

    public Settings withHosts(List<String> hosts) {
        return new Settings(host, port, maxClients, sendQueueSize, sendQueueBytes, inputBytesPerSecond,
                replayBufferSize, maxMessageSize, historySeconds, authToken, allowedOrigins, hosts);
    }

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IP_LITERAL = Pattern.compile(
            "\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9._-]+)?]?");

    /**
     * Why {@code host} cannot be bound, or {@code null}: an address or a host name (RFC 1123) is
     * needed. Checked before binding, because retrying a typo never helps (the metatype cannot
     * express the syntax, so this is where it is validated).
     */
    public String hostProblem() {
        if (IP_LITERAL.matcher(host).matches() || HOST_NAME.matcher(host).matches()) {
            return null;
        }
        return "host '" + Strings.clip(host, 60) + "' is not an IP address or host name: set host of "
                + "org.teleopmon.streamer (127.0.0.1 for this machine only, 0.0.0.0 for every interface)";
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of()
                : Arrays.stream(values).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
