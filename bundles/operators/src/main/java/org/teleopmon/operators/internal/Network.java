package org.teleopmon.operators.internal;

import java.util.Optional;

/**
 * An address range written {@code 192.168.1.0/24} or {@code fd00::/8}: every address whose first
 * {@code prefix} bits equal the base's.
 */
record Network(String key, byte[] base, int prefix) {

    /** The network, or empty when the text is not {@code address/prefix} with a prefix that fits. */
    static Optional<Network> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        byte[] base = Identity.address(text.substring(0, slash).trim());
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (base == null || prefix < 0 || prefix > base.length * 8) {
            return Optional.empty();
        }
        for (int bit = prefix; bit < base.length * 8; bit++) {
            base[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return Optional.of(new Network(Identity.canonical(base) + "/" + prefix, base, prefix));
    }

    boolean contains(byte[] address) {
        if (address.length != base.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != base[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        int mask = (0xFF00 >>> rest) & 0xFF;
        return rest == 0 || (address[whole] & mask) == (base[whole] & mask);
    }
}
