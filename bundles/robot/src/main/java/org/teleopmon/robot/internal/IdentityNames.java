package org.teleopmon.robot.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a robot id or site may be: one MQTT topic level, one Prometheus label value, one file name. */
final class IdentityNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern OTHER = Pattern.compile("[^a-z0-9._-]+");

    private IdentityNames() {
    }

    static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** A host name as a robot id: lower case, other characters as '-', at most 64 characters. */
    static Optional<String> fromHostName(String hostName) {
        if (hostName == null) {
            return Optional.empty();
        }
        String name = OTHER.matcher(hostName.trim().toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-+|-+$", "");
        name = name.length() > 64 ? name.substring(0, 64) : name;
        return isValid(name) ? Optional.of(name) : Optional.empty();
    }
}
