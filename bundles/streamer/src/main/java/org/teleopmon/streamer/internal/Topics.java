package org.teleopmon.streamer.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.teleopmon.api.EventType;

/** What a client may subscribe to: every event's wire name, and {@code health} pushed by the streamer. */
final class Topics {

    static final String HEALTH = "health";

    static final Set<String> ALL;

    static {
        Set<String> all = new LinkedHashSet<>();
        Arrays.stream(EventType.values()).map(EventType::wireName).forEach(all::add);
        all.add(HEALTH);
        ALL = Collections.unmodifiableSet(all);
    }

    private Topics() {
    }
}
