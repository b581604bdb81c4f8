package org.teleopmon.streamer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The dashboard's files, read from this bundle (Chart.js included at build time from its webjar). */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    private final Map<String, HttpReply> cache = new ConcurrentHashMap<>();

    /** The file for a request path, or empty when there is none. */
    Optional<HttpReply> find(String path) {
        String name = "/".equals(path) ? "index.html" : path.substring("/static/".length());
        if (name.isEmpty() || name.contains("..") || name.contains("//") || name.startsWith("/")) {
            return Optional.empty();
        }
        HttpReply cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream("static/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            HttpReply reply = new HttpReply(200, type, in.readAllBytes());
            cache.put(name, reply);
            return Optional.of(reply);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
