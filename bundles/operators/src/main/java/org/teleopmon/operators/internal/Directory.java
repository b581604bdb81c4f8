package org.teleopmon.operators.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.teleopmon.api.OperatorDirectory.Entry;

/**
 * The entries in force, indexed for lookup: exact identities in a map, then networks narrowest
 * first (the order {@link #entries()} lists them in).
 * Immutable; the component swaps in a new one when the configuration changes.
 */
final class Directory {

    private record NetworkName(Network network, Entry entry) {
    }

    private final Map<String, String> exact = new HashMap<>();
    private final List<NetworkName> networks = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();

    /**
     * Builds the directory from {@code identity = name} lines, each group tagged with its source;
     * earlier groups win over later ones for the same identity. Lines it cannot use go to {@code problems}.
     */
    Directory(Map<String, List<String>> linesBySource, Consumer<String> problems) {
        linesBySource.forEach((source, lines) -> lines.forEach(line -> add(source, line, problems)));
        networks.sort(Comparator.comparingInt((NetworkName n) -> n.network().prefix()).reversed());
        networks.forEach(n -> entries.add(n.entry()));
    }

    Optional<String> nameOf(String identity) {
        Optional<Identity> parsed = Identity.parse(identity);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        String name = exact.get(parsed.get().key());
        if (name != null || parsed.get().address() == null) {
            return Optional.ofNullable(name);
        }
        byte[] address = parsed.get().address();
        return networks.stream().filter(n -> n.network().contains(address)).map(n -> n.entry().name())
                .findFirst();
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    private void add(String source, String line, Consumer<String> problems) {
        int eq = line.indexOf('=');
        String name = eq < 0 ? "" : line.substring(eq + 1).trim();
        String identity = eq < 0 ? line.trim() : line.substring(0, eq).trim();
        if (name.isEmpty() || identity.isEmpty()) {
            problems.accept(source + ": '" + line.trim() + "' is not 'identity = name'; ignored");
            return;
        }
        Optional<Network> network = identity.contains("/") ? Network.parse(identity) : Optional.empty();
        Optional<String> key = identity.contains("/") ? network.map(Network::key)
                : Identity.parse(identity).map(Identity::key);
        if (key.isEmpty()) {
            problems.accept(source + ": '" + identity + "' is not " + (identity.contains("/")
                    ? "a network such as 192.168.1.0/24" : "a valid identity (mac: needs six hex pairs)") + "; ignored");
            return;
        }
        if (exact.containsKey(key.get()) || networks.stream().anyMatch(n -> n.network().key().equals(key.get()))) {
            problems.accept(source + ": '" + identity + "' is named already; '" + name + "' ignored");
            return;
        }
        Entry entry = new Entry(key.get(), name, source);
        if (network.isPresent()) {
            networks.add(new NetworkName(network.get(), entry));
        } else {
            exact.put(key.get(), name);
            entries.add(entry);
        }
    }
}
