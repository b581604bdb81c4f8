package org.teleopmon.detector.support;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.event.EventRecodingLogger;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

/** An slf4j logger that keeps what it is given (slf4j's own event-recording logger). */
final class Recorded {

    private final ConcurrentLinkedQueue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    final Logger logger = new EventRecodingLogger(new SubstituteLogger("test", events, false), events);

    List<String> warnings() {
        return events.stream().filter(e -> e.getLevel() == org.slf4j.event.Level.WARN)
                .map(SubstituteLoggingEvent::getMessage).toList();
    }
}
