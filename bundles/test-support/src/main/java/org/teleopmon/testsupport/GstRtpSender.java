package org.teleopmon.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


/**
 * Plain RTP at a known frame rate from GStreamer ({@code gst-launch-1.0}, Debian packages
 * gstreamer1.0-tools, -plugins-base, -plugins-good): a live {@code videotestsrc} of exactly
 * {@code frames} frames at {@code fps} (moving SMPTE bars: about the target bitrate, several packets
 * per frame, where the still "ball" pattern gives one tiny packet per frame), VP8-encoded without frame dropping and payloaded by
 * {@code rtpvp8pay} (one marker bit and one RTP timestamp per frame, 90 kHz clock), and optionally a
 * live Opus stream (20 ms frames, 48 kHz clock) of the same duration on another port. The options are
 * the truth: frames sent = {@code frames}, at {@code fps}.
 */
public final class GstRtpSender implements AutoCloseable {

    /** What to send where; {@code audioPort} 0 sends no audio. */
    public record Options(String host, int videoPort, long videoSsrc, int videoPt, int width, int height, int fps,
                          int frames, int bitrateBps, int mtu, int audioPort, long audioSsrc, int audioPt) {

        /** 320x240 VP8 at 30 fps, 90 frames (3 s), 500 kbit/s, PT 96, SSRC 0x5EED0001, MTU 1200; no audio. */
        public static Options video(String host, int videoPort) {
            return new Options(host, videoPort, 0x5EED0001L, 96, 320, 240, 30, 90, 500_000, 1200, 0, 0x5EED0002L, 111);
        }

        /** The same with another frame count and rate. */
        public Options withFrames(int frames, int fps) {
            return new Options(host, videoPort, videoSsrc, videoPt, width, height, fps, frames, bitrateBps, mtu,
                    audioPort, audioSsrc, audioPt);
        }

        /** The same with another picture size and target bitrate (bit/s). */
        public Options withPicture(int width, int height, int bitrateBps) {
            return new Options(host, videoPort, videoSsrc, videoPt, width, height, fps, frames, bitrateBps, mtu,
                    audioPort, audioSsrc, audioPt);
        }

        /** The same with an Opus stream to {@code port} (SSRC {@link #audioSsrc()}, PT {@link #audioPt()}). */
        public Options withAudio(int port) {
            return new Options(host, videoPort, videoSsrc, videoPt, width, height, fps, frames, bitrateBps, mtu,
                    port, audioSsrc, audioPt);
        }

        /** How long the stream lasts, from the frame count and rate. */
        public Duration duration() {
            return Duration.ofMillis(frames * 1000L / fps);
        }

        /** Opus frames of 20 ms covering the same duration (the audio source's buffer count). */
        public int audioFrames() {
            return (int) (duration().toMillis() / 20);
        }

        /**
         * RTP packets of the Opus stream: one per frame, plus one as opusenc flushes its look-ahead
         * at the end of the stream (observed with GStreamer 1.22).
         */
        public int audioPackets() {
            return audioFrames() + 1;
        }
    }

    private final Options options;
    private final ChildProcess process;
    private final long startedAtMs;

    private GstRtpSender(Options options, ChildProcess process, long startedAtMs) {
        this.options = options;
        this.process = process;
        this.startedAtMs = startedAtMs;
    }

    /** Starts sending inside {@code ns} (null: the JVM's namespace). */
    public static GstRtpSender start(NetNs ns, Options options) {
        Prerequisites.require(Prerequisite.GSTREAMER);
        long now = System.currentTimeMillis();
        return new GstRtpSender(options, ChildProcess.start("gst-launch-1.0",
                NetNs.command(ns, pipeline(options)), null), now);
    }

    /** The command line for {@code options} (for documentation and error messages). */
    public static List<String> pipeline(Options o) {
        List<String> c = new ArrayList<>(List.of("gst-launch-1.0", "-q",
                "videotestsrc", "is-live=true", "pattern=smpte", "horizontal-speed=4", "num-buffers=" + o.frames(), "!",
                "video/x-raw,format=I420,width=" + o.width() + ",height=" + o.height() + ",framerate=" + o.fps() + "/1",
                "!", "vp8enc", "deadline=1", "cpu-used=8", "dropframe-threshold=0", "keyframe-max-dist=" + (o.fps() * 2),
                "target-bitrate=" + o.bitrateBps(), "!",
                "rtpvp8pay", "pt=" + o.videoPt(), "ssrc=" + o.videoSsrc(), "mtu=" + o.mtu(), "picture-id-mode=15-bit",
                "!", "udpsink", "host=" + o.host(), "port=" + o.videoPort()));
        if (o.audioPort() > 0) {
            c.addAll(List.of("audiotestsrc", "is-live=true", "wave=sine", "samplesperbuffer=960",
                    "num-buffers=" + o.audioFrames(), "!", "audio/x-raw,rate=48000,channels=1", "!", "audioconvert",
                    "!", "opusenc", "frame-size=20", "!", "rtpopuspay", "pt=" + o.audioPt(), "ssrc=" + o.audioSsrc(),
                    "!", "udpsink", "host=" + o.host(), "port=" + o.audioPort()));
        }
        return c;
    }

    /** What is being sent. */
    public Options options() {
        return options;
    }

    /** Wall-clock ms when the pipeline was started. */
    public long startedAtMs() {
        return startedAtMs;
    }

    /**
     * Waits until every frame is sent (the live source ends the pipeline after {@code frames}); throws
     * with GStreamer's output when it fails or takes longer than {@code timeout}.
     */
    public void awaitFinished(Duration timeout) throws InterruptedException {
        int exit = process.awaitExit(timeout);
        if (exit != 0) {
            throw new IllegalStateException("gst-launch-1.0 exited " + exit + ": " + pipeline(options) + "\n"
                    + process.tails());
        }
    }

    /** Stops GStreamer if it is still running. */
    @Override
    public void close() {
        process.close();
    }
}
