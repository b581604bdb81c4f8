package org.teleopmon.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The site's names for the people who teleoperate, configured once (PID {@code org.teleopmon.operators})
 * and applied by the engine to every operator any detector reports, so one person has one name
 * however they are seen. Optional: without it an operator keeps the name its detector gives.
 *
 * <p>An identity is what a detector puts in {@link Operator#id()}, written the same way in the
 * directory's entries:
 * <ul>
 * <li>an IPv4 or IPv6 address, such as {@code 192.168.1.20} (the peer of a network connection); an
 *     entry may name a whole network, such as {@code 192.168.1.0/24}</li>
 * <li>{@code mac:98:B6:E9:12:34:56}, a Bluetooth MAC (letter case and {@code :} or {@code -} do not matter)</li>
 * <li>{@code usb:<serial>}, the USB serial number of a device such as a leader arm</li>
 * <li>{@code device:<name>}, an input device's name such as {@code device:Xbox Wireless Controller}
 *     (letter case does not matter)</li>
 * <li>anything else, an operator id the teleoperation messages carry (optionally written {@code id:<id>})</li>
 * </ul>
 */
@ProviderType
public interface OperatorDirectory {

    /** The display name the site gives this identity: an exact entry, else the narrowest network holding it. */
    Optional<String> nameOf(String identity);

    /** Every entry in force, in the order they are matched. */
    List<Entry> entries();

    /**
     * One entry.
     *
     * @param identity the identity or network, normalised (addresses in their canonical form, MACs in
     *                 lower case)
     * @param name     the display name
     * @param source   where the entry was configured (a PID, with a note for a deprecated key)
     */
    record Entry(String identity, String name, String source) {

        public Entry {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(name, "name");
            source = source == null ? "" : source;
        }
    }
}
