package org.teleopmon.capture.internal;

import com.sun.jna.Pointer;

/** A {@link Pointer} that can be re-aimed, so reading libpcap's per-packet pointers allocates nothing. */
final class NativeView extends Pointer {

    NativeView() {
        super(0);
    }

    NativeView at(long address) {
        this.peer = address;
        return this;
    }
}
