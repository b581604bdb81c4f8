package org.teleopmon.streamer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.Measurements;
import org.teleopmon.api.Reading;
import org.teleopmon.api.TeleopState;
import org.teleopmon.wire.Wire;

/** The state's metrics over the last window, so a dashboard that connects draws its charts at once. */
public final class MetricHistory {

    private static final int MAX_POINTS = 2000;

    private final ArrayDeque<ObjectNode> points = new ArrayDeque<>();
    private volatile Duration window;

    public MetricHistory(Duration window) {
        this.window = window;
    }

    public void window(Duration newWindow) {
        this.window = newWindow;
    }

    public synchronized void add(TeleopState state) {
        if (state.metrics().isEmpty()) {
            return;
        }
        ObjectNode point = Wire.object();
        point.put("t", Wire.epochSeconds(state.timestamp()));
        for (String name : Measurements.STATE_METRICS) {
            Reading reading = state.metrics().get(name);
            if (reading != null) {
                point.put(name, Double.isFinite(reading.value()) ? reading.value() : null);
            }
        }
        points.addLast(point);
        trim(state.timestamp());
    }

    public synchronized ArrayNode toJson(Instant now) {
        trim(now);
        ArrayNode array = Wire.array();
        points.forEach(p -> array.add(p.deepCopy()));
        return array;
    }

    public Duration window() {
        return window;
    }

    private void trim(Instant now) {
        double oldest = now.minus(window).toEpochMilli() / 1000.0;
        while (!points.isEmpty() && (points.size() > MAX_POINTS || points.peekFirst().get("t").asDouble() < oldest)) {
            points.removeFirst();
        }
    }
}
