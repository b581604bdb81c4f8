package org.teleopmon.detector.webrtc.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.teleopmon.testsupport.DropRelay;
import org.teleopmon.testsupport.GstRtpSender;

/**
 * The truth of a {@link GstRtpSender} video stream sent through a {@link DropRelay}: what GStreamer
 * sent (frames at fps, 90 kHz clock, one SSRC and PT) and the relay's exact counters. The flow after
 * the relay goes from {@code relayPort} to {@code sinkPort} on 127.0.0.1 and lost {@code dropped} of
 * {@code received} packets.
 */
public record RelayedStreamTruth(int frames, int fps, int width, int height, int bitrateBps, long ssrc,
                                 int payloadType, int clockRate, int relayPort, int sinkPort, int dropEvery,
                                 long received, long forwarded, long dropped, long startedAtMs,
                                 long finishedAtMs, List<String> pipeline) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The truth of a finished sender and its relay. */
    public static RelayedStreamTruth of(GstRtpSender sender, DropRelay relay, int sinkPort, int dropEvery,
                                        long finishedAtMs) {
        GstRtpSender.Options o = sender.options();
        return new RelayedStreamTruth(o.frames(), o.fps(), o.width(), o.height(), o.bitrateBps(), o.videoSsrc(),
                o.videoPt(), 90_000, relay.port(), sinkPort, dropEvery, relay.received(), relay.forwarded(),
                relay.dropped(), sender.startedAtMs(), finishedAtMs, GstRtpSender.pipeline(o));
    }

    /** The fraction of packets lost after the relay. */
    public double lossFraction() {
        return received == 0 ? 0 : (double) dropped / received;
    }

    /** Writes this truth as indented JSON. */
    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** Reads a truth written by {@link #write(Path)}. */
    public static RelayedStreamTruth read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RelayedStreamTruth.class);
    }
}
