package org.teleopmon.engine.command;

import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;

/** One event on one console line. */
final class EventLine {

    private EventLine() {
    }

    static String of(TeleopEvent event) {
        StringBuilder line = new StringBuilder(160).append(event.timestamp()).append(' ')
                .append(event.type().wireName());
        if (event.operator() != null) {
            line.append(" operator=").append(Formats.operator(event.operator().operator()));
        }
        if (event.session() != null) {
            line.append(" session=").append(event.session().id())
                    .append(" duration=").append(Formats.duration(event.session().duration()))
                    .append(" operators=").append(Formats.ids(event.session().operators()));
        }
        if (event.stall() != null) {
            line.append(" stall=").append(event.stall().kind().wireName()).append(" detector=")
                    .append(event.stall().detector()).append(" duration=")
                    .append(Formats.duration(event.stall().duration()));
        }
        if (event.alert() != null) {
            line.append(" alert=").append(event.alert().rule()).append(' ').append(event.alert().message());
        }
        TeleopState state = event.state();
        if (state != null) {
            line.append(" active=").append(state.active()).append(" confidence=").append(state.confidence())
                    .append(" operators=").append(state.operators().size());
        }
        return line.toString();
    }
}
