package org.teleopmon.detector.input.internal;

import java.util.ArrayList;
import java.util.List;

/** Every call a decoder makes, as text, to compare with what it must (and must never) hand on. */
final class RecordingSink implements ControlSink {

    final List<String> calls = new ArrayList<>();

    @Override
    public void axis(int axis, int value) {
        calls.add("axis " + axis + "=" + value);
    }

    @Override
    public void button(int code, int value) {
        calls.add("button " + code + "=" + value);
    }

    @Override
    public void teleopKey(int keyClass, int value) {
        calls.add("key set " + TeleopKeys.set(keyClass) + " slot " + TeleopKeys.slot(keyClass) + "=" + value);
    }

    @Override
    public void report() {
        calls.add("report");
    }

    @Override
    public void dropped() {
        calls.add("dropped");
    }

    @Override
    public void malformed() {
        calls.add("malformed");
    }
}
