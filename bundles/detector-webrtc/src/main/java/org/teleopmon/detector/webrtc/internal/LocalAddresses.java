package org.teleopmon.detector.webrtc.internal;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The robot's own addresses, so that the far end of a call (the operator) can be told from the
 * near one. Re-read on the detector's tick at most every {@value #REFRESH_SECONDS} s: DHCP and
 * Wi-Fi roaming change them.
 */
final class LocalAddresses {

    private static final long REFRESH_SECONDS = 30;

    private volatile Set<String> addresses = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1");
    private long readAtNanos = Long.MIN_VALUE;

    boolean isLocal(String address) {
        return addresses.contains(address);
    }

    void refresh(long nowNanos) {
        if (readAtNanos != Long.MIN_VALUE && nowNanos - readAtNanos < REFRESH_SECONDS * 1_000_000_000L) {
            return;
        }
        readAtNanos = nowNanos;
        Set<String> found = new HashSet<>(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
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
        addresses = Set.copyOf(found);
    }

    /** For tests and for the capture of a namespace whose addresses are not the monitor's own. */
    void set(Set<String> values) {
        addresses = Set.copyOf(values);
        readAtNanos = Long.MAX_VALUE / 2;
    }
}
