package org.teleopmon.operators.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An identity in normal form, so that one identity written two ways ({@code 98:B6:E9:12:34:56} and
 * {@code mac:98-b6-e9-12-34-56}, {@code fe80:0::1} and {@code fe80::1}) compares equal. Addresses
 * keep their bytes for network matching. Parsing never resolves a host name.
 *
 * @param key     the normal form, also what {@code teleop:operators} shows
 * @param address the IP address's bytes, or {@code null} for other identities
 */
record Identity(String key, byte[] address) {

    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}([:-]\\p{XDigit}{2}){5}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Starts with a hex digit or ':' and holds a ':', so the JDK parses it as a literal and never asks DNS. */
    private static final Pattern IPV6 = Pattern.compile("[\\p{XDigit}:][\\p{XDigit}:.]*:[\\p{XDigit}:.]*");

    /** The identity in normal form, or empty when the text is blank or a prefixed value is malformed. */
    static Optional<Identity> parse(String text) {
        String value = text == null ? "" : text.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mac:")) {
            String mac = value.substring(4).trim();
            return MAC.matcher(mac).matches() ? Optional.of(mac(mac)) : Optional.empty();
        }
        for (String prefix : new String[] {"usb:", "id:"}) {
            if (lower.startsWith(prefix)) {
                return other(prefix, value.substring(prefix.length()).trim());
            }
        }
        if (lower.startsWith("device:")) {
            return other("device:", value.substring(7).trim().toLowerCase(Locale.ROOT));
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (MAC.matcher(value).matches()) {
            return Optional.of(mac(value));
        }
        byte[] address = address(value);
        if (address != null) {
            return Optional.of(new Identity(canonical(address), address));
        }
        return Optional.of(new Identity("id:" + value, null));
    }

    /** The bytes of an IPv4 or IPv6 literal (an IPv6 zone such as {@code %eth0} is dropped), else {@code null}. */
    static byte[] address(String text) {
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        int zone = text.indexOf('%');
        String literal = zone < 0 ? text : text.substring(0, zone);
        if (!IPV6.matcher(literal).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static String canonical(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address length: " + address.length, e);
        }
    }

    private static Identity mac(String mac) {
        return new Identity("mac:" + mac.toLowerCase(Locale.ROOT).replace('-', ':'), null);
    }

    private static Optional<Identity> other(String prefix, String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(new Identity(prefix + value, null));
    }
}
