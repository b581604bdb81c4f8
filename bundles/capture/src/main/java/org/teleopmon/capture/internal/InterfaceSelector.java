package org.teleopmon.capture.internal;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which interfaces to capture on: the configured ones, or by default {@code lo} plus every
 * interface that is up and has an address (the robot's WiFi or Ethernet), re-read on each call
 * so that an interface coming up after boot is picked up.
 */
final class InterfaceSelector implements Supplier<List<String>> {

    private final List<String> configured;

    InterfaceSelector(List<String> configured) {
        this.configured = configured.stream().flatMap(s -> Arrays.stream(s.split("[,\\s]+")))
                .filter(s -> !s.isEmpty()).distinct().toList();
    }

    boolean automatic() {
        return configured.isEmpty();
    }

    @Override
    public List<String> get() {
        return automatic() ? active() : configured;
    }

    static List<String> active() {
        List<String> names = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isLoopback()) {
                    names.add(0, nic.getName());
                } else if (nic.isUp() && !nic.isVirtual() && nic.getInetAddresses().hasMoreElements()) {
                    names.add(nic.getName());
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
}
