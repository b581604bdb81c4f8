package org.teleopmon.config.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * The environment variables bundles declare for their own configuration, in a manifest header
 * such as {@code Teleop-Environment: WEBSOCKET_PORT=org.teleopmon.streamer/port} (several separated
 * by commas). A variable that is set wins over the file; the launcher's flags set these variables.
 * Tracks every installed bundle, so a declaration counts before its bundle's components start.
 */
final class DeclaredEnvironment implements BundleTrackerCustomizer<List<DeclaredEnvironment.Declaration>> {

    static final String HEADER = "Teleop-Environment";
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=([^/=\\s]+)/([^/=\\s]+)");

    record Declaration(String variable, String pid, String key) {
    }

    record Applied(String variable, String pid, String key, String value) {
    }

    private final Function<String, String> environment;
    private final Consumer<String> problems;
    private final Map<Long, List<Declaration>> byBundle = new ConcurrentHashMap<>();

    DeclaredEnvironment(Function<String, String> environment, Consumer<String> problems) {
        this.environment = environment;
        this.problems = problems;
    }

    /** The set variables that {@code declarations} name, with their values. */
    List<Applied> set(List<Declaration> declarations) {
        List<Applied> set = new ArrayList<>();
        for (Declaration declaration : declarations) {
            String value = environment.apply(declaration.variable());
            if (value != null && !value.isBlank()) {
                set.add(new Applied(declaration.variable(), declaration.pid(), declaration.key(), value.trim()));
            }
        }
        return set;
    }

    /** Puts the value of every set variable declared for {@code pid} into {@code properties}. */
    List<Applied> apply(String pid, Dictionary<String, Object> properties) {
        List<Applied> applied = new ArrayList<>();
        for (List<Declaration> declarations : byBundle.values()) {
            for (Declaration declaration : declarations) {
                String value = declaration.pid().equals(pid) ? environment.apply(declaration.variable()) : null;
                if (value != null && !value.isBlank()) {
                    properties.put(declaration.key(), value.trim());
                    applied.add(new Applied(declaration.variable(), pid, declaration.key(), value.trim()));
                }
            }
        }
        return applied;
    }

    /** Declarations of one header value; malformed entries are reported and skipped. */
    static List<Declaration> parse(String header, Consumer<String> problems) {
        List<Declaration> declarations = new ArrayList<>();
        for (String entry : header.split(",")) {
            Matcher m = ENTRY.matcher(entry.trim());
            if (m.matches()) {
                declarations.add(new Declaration(m.group(1), m.group(2), m.group(3)));
            } else if (!entry.isBlank()) {
                problems.accept("'" + entry.trim() + "' is not VARIABLE=pid/key");
            }
        }
        return declarations;
    }

    /** Records what a bundle's header declares; returns {@code null} for a bundle without one. */
    List<Declaration> declare(long bundleId, String symbolicName, String header) {
        if (header == null) {
            byBundle.remove(bundleId);
            return null;
        }
        List<Declaration> declarations = List.copyOf(parse(header, problem -> problems.accept(
                "Bundle " + symbolicName + ", header " + HEADER + ": " + problem + "; ignored")));
        byBundle.put(bundleId, declarations);
        return declarations;
    }

    @Override
    public List<Declaration> addingBundle(Bundle bundle, BundleEvent event) {
        return declare(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getHeaders("").get(HEADER));
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<Declaration> declarations) {
        if (event != null && event.getType() == BundleEvent.UPDATED) {
            declare(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getHeaders("").get(HEADER));
        }
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<Declaration> declarations) {
        byBundle.remove(bundle.getBundleId());
    }
}
