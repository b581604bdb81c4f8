package org.teleopmon.streamer.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * Who may use the API: the optional bearer token (header, or {@code access_token} in the query for
 * browsers, which cannot set headers on a WebSocket) and the Origin allow-list against cross-site
 * WebSocket hijacking.
 */
public final class Access {

    private final byte[] token;
    private final List<String> allowedOrigins;

    public Access(String token, List<String> allowedOrigins) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.allowedOrigins = allowedOrigins.stream().map(Access::normalise).toList();
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
     * True for requests without an Origin (not a browser), from the page's own origin, or from an
     * allowed one.
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
            return host != null && authority != null && authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
