package org.teleopmon.capture.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Where the fields of {@code struct pcap_pkthdr} sit: a {@code struct timeval} (two C longs)
 * followed by two 32-bit lengths.
 */
final class PcapHeaderLayout {

    static final PcapHeaderLayout NATIVE = new PcapHeaderLayout(Native.LONG_SIZE);

    private final int longSize;

    PcapHeaderLayout(int longSize) {
        this.longSize = longSize;
    }

    long seconds(Pointer header) {
        return longSize == 8 ? header.getLong(0) : header.getInt(0);
    }

    long fraction(Pointer header) {
        return longSize == 8 ? header.getLong(8) : header.getInt(4);
    }

    int capturedLength(Pointer header) {
        return header.getInt(2L * longSize);
    }

    int wireLength(Pointer header) {
        return header.getInt(2L * longSize + 4);
    }
}
