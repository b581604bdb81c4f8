package org.teleopmon.streamer.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who may use the API: the optional bearer token (header, or {@code access_token} in the query for
 * browsers, which cannot set headers on a WebSocket), the Host names served (against DNS rebinding)
 * and the Origin allow-list (against cross-site WebSocket hijacking).
 */
public final class Access {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final byte[] token;
    private final List<String> allowedOrigins;
    private final List<String> allowedHosts;
    private final boolean anyHost;

    /** Access for a loopback listener with no extra host names. */
    public Access(String token, List<String> allowedOrigins) {
        this(token, allowedOrigins, List.of(), "127.0.0.1");
    }

    public Access(String token, List<String> allowedOrigins, List<String> allowedHosts, String boundHost) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.allowedOrigins = allowedOrigins.stream().map(Access::normalise).toList();
        this.allowedHosts = allowedHosts.stream().map(Access::hostName).toList();
        this.anyHost = this.allowedHosts.contains("*") || (this.allowedHosts.isEmpty() && !isLoopback(boundHost));
    }

    public boolean tokenRequired() {
        return token != null;
    }

    /** True when no token is configured, or the header or query parameter carries it. */
    public boolean authorised(String authorizationHeader, String queryToken) {
        if (token == null) {
            return true;
        }
        String presented = null;
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorizationHeader.substring(7).trim();
        } else if (queryToken != null) {
            presented = queryToken;
        }
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True for a Host header naming localhost, an IP address (DNS rebinding needs a name), or a
     * configured name; any name when bound to a non-loopback address without {@code allowed.hosts}.
     * A request without Host (HTTP/1.0, never a browser) is allowed.
     */
    public boolean hostAllowed(String hostHeader) {
        if (anyHost || hostHeader == null || hostHeader.isBlank()) {
            return true;
        }
        String name = hostName(hostHeader);
        return name.equals("localhost") || name.startsWith("[") || IPV4.matcher(name).matches()
                || allowedHosts.contains(name);
    }

    /**
     * True for requests without an Origin (not a browser), from the page's own origin (the Host was
     * checked first, so it is a name this monitor serves), or from an allowed one.
     */
    public boolean originAllowed(String origin, String host) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowedOrigins.contains("*") || allowedOrigins.contains(normalised)) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host.trim()) && hostAllowed(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** The host part of a Host header or setting: lower case, without port and trailing dot; IPv6 kept in brackets. */
    private static String hostName(String header) {
        String value = header.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            value = value.substring(0, colon);
        }
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
