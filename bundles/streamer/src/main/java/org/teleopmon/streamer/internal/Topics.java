package org.teleopmon.streamer.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.teleopmon.api.EventType;

/**
 * What a client may subscribe to: every event's wire name, {@code health} and {@code detector_update}
 * pushed by the streamer.
 */
final class Topics {

    static final String HEALTH = "health";
    static final String DETECTOR_UPDATE = "detector_update";

    /** Sent only to clients that name them: a client subscribed to "everything" would not expect their volume. */
    static final Set<String> OPT_IN = Set.of(DETECTOR_UPDATE);

    static final Set<String> ALL;

    static {
        Set<String> all = new LinkedHashSet<>();
        Arrays.stream(EventType.values()).map(EventType::wireName).forEach(all::add);
        all.add(HEALTH);
        all.add(DETECTOR_UPDATE);
        ALL = Collections.unmodifiableSet(all);
    }

    private Topics() {
    }
}
