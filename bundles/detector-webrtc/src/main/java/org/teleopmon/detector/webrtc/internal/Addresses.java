package org.teleopmon.detector.webrtc.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address text for flows and operators. Allocates: used when a flow is created, not per packet. */
final class Addresses {

    private Addresses() {
    }

    static String text(byte[] b, int off, int length) {
        byte[] raw = java.util.Arrays.copyOfRange(b, off, off + length);
        try {
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + length + " bytes", e);
        }
    }

    static String endpoint(String address, int port) {
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
