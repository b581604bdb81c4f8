package org.teleopmon.detector.support;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The robot's own addresses, so that a detector can tell the far end of a flow (the operator) from
 * the near one. Loopback (127.0.0.0/8, ::1) is always local. Re-read by {@link #refresh} at most
 * every {@value #REFRESH_SECONDS} s: DHCP and Wi-Fi roaming change them. The byte form of
 * {@link #isLocal(byte[], int, int)} allocates nothing, for the packet path. Thread-safe.
 */
public final class LocalAddresses {

    private static final long REFRESH_SECONDS = 30;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1");

    private record Known(Set<String> text, byte[][] raw) {
    }

    private volatile Known known = known(LOOPBACK);
    private long readAtNanos = Long.MIN_VALUE;

    /** Whether the address, as {@link InetAddress#getHostAddress()} writes it, is this host's. */
    public boolean isLocal(String address) {
        return known.text.contains(address) || address.startsWith("127.");
    }

    /** Whether the 4 or 16 address bytes at {@code offset} are this host's. */
    public boolean isLocal(byte[] array, int offset, int length) {
        if (length == 4 && array[offset] == 127) {
            return true;
        }
        for (byte[] candidate : known.raw) {
            if (candidate.length == length && java.util.Arrays.equals(candidate, 0, length, array, offset,
                    offset + length)) {
                return true;
            }
        }
        return false;
    }

    /** The addresses now known, as text. */
    public Set<String> addresses() {
        return known.text;
    }

    /** Re-reads the interfaces' addresses when the last reading is older than the refresh period. */
    public synchronized void refresh(long nowNanos) {
        if (readAtNanos != Long.MIN_VALUE && nowNanos - readAtNanos < REFRESH_SECONDS * 1_000_000_000L) {
            return;
        }
        readAtNanos = nowNanos;
        Set<String> found = new HashSet<>(LOOPBACK);
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int scope = text.indexOf('%');
                    found.add(scope < 0 ? text : text.substring(0, scope));
                }
            }
        } catch (SocketException e) {
            return;
        }
        known = known(found);
    }

    /**
     * Fixes the set (loopback stays local): for tests, and for a capture in a network namespace whose
     * addresses are not the monitor's own. Later {@link #refresh} calls keep it.
     */
    public synchronized void set(Set<String> values) {
        Set<String> all = new HashSet<>(LOOPBACK);
        all.addAll(values);
        known = known(all);
        readAtNanos = Long.MAX_VALUE / 2;
    }

    private static Known known(Set<String> text) {
        byte[][] raw = text.stream().map(LocalAddresses::bytes).filter(b -> b != null).toArray(byte[][]::new);
        return new Known(Set.copyOf(text), raw);
    }

    private static byte[] bytes(String address) {
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            // Numeric literals only: getByName does no lookup for them.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
