package org.teleopmon.detector.webrtc.internal;

import java.nio.charset.StandardCharsets;

/**
 * The ICE session a Binding request belongs to. Its USERNAME is {@code <their ufrag>:<my ufrag>}
 * in clear text (RFC 8445 section 7.2.2), so the two fragments, sorted, name the session on
 * every candidate pair and in both directions: that is what groups a call's flows.
 */
final class IceSession {

    private static final int MAX_USERNAME = 513;

    private IceSession() {
    }

    /** The session key, or null when the request has no usable USERNAME. Allocates once per flow. */
    static String of(byte[] b, int off, int len) {
        int attribute = Stun.findAttribute(b, off, len, Stun.ATTR_USERNAME);
        if (attribute < 0) {
            return null;
        }
        int length = Stun.attributeLength(b, attribute);
        if (length == 0 || length > MAX_USERNAME) {
            return null;
        }
        String username = new String(b, attribute + 4, length, StandardCharsets.UTF_8);
        int colon = username.indexOf(':');
        if (colon <= 0 || colon == username.length() - 1) {
            return null;
        }
        String first = username.substring(0, colon);
        String second = username.substring(colon + 1);
        return first.compareTo(second) <= 0 ? first + ":" + second : second + ":" + first;
    }
}
