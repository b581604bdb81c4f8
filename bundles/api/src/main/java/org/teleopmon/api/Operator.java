package org.teleopmon.api;

import java.util.Objects;

/**
 * Who is teleoperating, as one detector sees it.
 *
 * @param id     stable key used to merge sightings across detectors, written as an
 *               {@link OperatorDirectory} identity (for example {@code 10.0.0.7} or {@code mac:98:b6:e9:12:34:56})
 * @param name   display name: the engine sets the {@link OperatorDirectory}'s name where the site
 *               configured one; else what the detector gave, else {@code id}
 * @param source how the identity was learned
 * @param detail free text such as the device name or the connection it came from; may be empty
 */
public record Operator(String id, String name, IdentitySource source, String detail) {

    public Operator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        name = name == null || name.isBlank() ? id : name;
        detail = detail == null ? "" : detail;
    }
}
