package org.teleopmon.detector.network.internal;

/** What a flow looks like, with the name the shell and the reason use. */
enum FlowClass {
    /** Nothing the detector recognises (yet). */
    NONE("-"),
    /** XLeVR: a TLS flow to a VR port, small upstream records at a steady 60-120 Hz, little downstream. */
    VR("vr"),
    /** web_control: Socket.IO over WebSocket on a web port with command events flowing. */
    WEB_CONTROL("web_control"),
    /** Sustained bitrate in one direction, large packets, frame-like bursts. */
    VIDEO("video"),
    /** Small unanswered messages at a steady 10-100 Hz in one direction. */
    CONTROL("control");

    private final String label;

    FlowClass(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Evidence of teleoperation on its own (the others need a partner flow). */
    boolean isSession() {
        return this == VR || this == WEB_CONTROL;
    }
}
