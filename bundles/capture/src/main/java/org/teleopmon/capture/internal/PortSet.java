package org.teleopmon.capture.internal;

import java.util.Set;

/** A set of ports as a bitmap: {@link java.util.Set#contains} would box every port above 127. */
final class PortSet {

    private final long[] bits = new long[1024];

    PortSet(Set<Integer> ports) {
        for (int port : ports) {
            bits[port >>> 6] |= 1L << port;
        }
    }

    boolean contains(int port) {
        return (bits[port >>> 6] & 1L << port) != 0;
    }
}
