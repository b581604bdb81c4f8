package org.teleopmon.capture.internal;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Which interfaces to capture on: the configured ones, or by default {@code lo} plus every
 * interface that is up and has an address (the robot's WiFi or Ethernet), re-read on each call
 * so that an interface coming up after boot is picked up. The default list is that of the
 * calling thread's network namespace.
 */
final class InterfaceSelector implements Supplier<List<String>> {

    /** This thread's interfaces; {@code /proc/net} would be the main thread's namespace. */
    private static final Path THREAD_INTERFACES = Path.of("/proc/thread-self/net/dev");

    private final List<String> configured;

    InterfaceSelector(List<String> configured) {
        this.configured = configured.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    boolean automatic() {
        return configured.isEmpty();
    }

    @Override
    public List<String> get() {
        return automatic() ? active() : configured;
    }

    static List<String> active() {
        Set<String> here = threadInterfaces();
        List<String> names = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                // The JDK lists IPv6 interfaces from /proc/net, so in another namespace it also
                // names the host's, whose flags this thread cannot read.
                if (here == null || here.contains(nic.getName())) {
                    addIfActive(nic, names);
                }
            }
        } catch (SocketException e) {
            // Without the list, loopback alone still serves the wired (same machine) setup.
        }
        if (names.isEmpty()) {
            names.add("lo");
        }
        return List.copyOf(names.stream().distinct().sorted((a, b) -> a.equals("lo") ? -1 : b.equals("lo") ? 1
                : a.compareTo(b)).toList());
    }

    private static void addIfActive(NetworkInterface nic, List<String> names) {
        try {
            if (nic.isLoopback()) {
                names.add(0, nic.getName());
            } else if (nic.isUp() && !nic.isVirtual() && nic.getInetAddresses().hasMoreElements()) {
                names.add(nic.getName());
            }
        } catch (SocketException e) {
            // Gone since it was listed: the next rescan settles it.
        }
    }

    /** Interface names in the calling thread's namespace, or null where Linux's proc file is absent. */
    private static Set<String> threadInterfaces() {
        try {
            return Files.readAllLines(THREAD_INTERFACES).stream().filter(l -> l.indexOf(':') > 0)
                    .map(l -> l.substring(0, l.indexOf(':')).strip()).collect(Collectors.toSet());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
