package org.teleopmon.detector.zmq.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records what a decoder reports, copying each message's facts. */
class Recorder implements ZmtpDecoder.Listener {

    record Seen(int frames, long firstFrameSize, long bytes, int jpegFrames, String head, boolean complete,
            boolean resynchronised) {
    }

    final List<String> events = new ArrayList<>();
    final List<Seen> messages = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();

    @Override
    public void greeting(int major, int minor, String mechanism) {
        events.add("greeting " + major + "." + minor + " " + mechanism);
    }

    @Override
    public void command(String name, Map<String, String> properties) {
        events.add("command " + name + " " + properties);
    }

    @Override
    public void message(ZmtpMessage m) {
        messages.add(new Seen(m.frames(), m.firstFrameSize(), m.bytes(), m.jpegFrames(),
                new String(m.head(), 0, m.headLength(), StandardCharsets.ISO_8859_1), m.headComplete(),
                m.resynchronised()));
        events.add("message " + m.frames());
    }

    @Override
    public void malformed(String reason) {
        malformed.add(reason);
        events.add("malformed");
    }
}
