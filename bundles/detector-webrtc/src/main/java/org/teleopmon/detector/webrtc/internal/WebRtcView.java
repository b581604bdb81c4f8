package org.teleopmon.detector.webrtc.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;

/**
 * Turns the active calls into the detector's signal. {@link #key} is the part whose change is
 * pushed at once (call up/down, media starting/stopping, who); the measurements change with every
 * packet and are read on the engine's tick.
 */
final class WebRtcView {

    static final String NAME = "webrtc";

    record Key(boolean active, int confidence, Map<String, Operator> operators, int calls, boolean media,
            EndReason ended) {
    }

    private WebRtcView() {
    }

    static Key key(List<Call> calls, long now, Settings settings, int browserProcesses) {
        return key(calls, now, settings, browserProcesses, null);
    }

    /** The key, with how the last call ended while none is up. */
    static Key key(List<Call> calls, long now, Settings settings, int browserProcesses, EndReason ended) {
        boolean video = false;
        boolean media = false;
        boolean data = false;
        boolean webrtc = false;
        for (Call call : calls) {
            webrtc |= call.kind != Call.Kind.RTP;
            data |= call.dataFlowing(now);
            for (MediaStream stream : call.streams()) {
                if (now - stream.lastNanos <= settings.mediaNanos()) {
                    StreamKind kind = stream.kind();
                    video |= kind == StreamKind.VIDEO;
                    media |= kind == StreamKind.VIDEO || kind == StreamKind.AUDIO;
                }
            }
        }
        int confidence;
        if (webrtc) {
            confidence = video ? 90 : media || data ? 80 : 55;
        } else {
            confidence = video ? 60 : media ? 45 : 0;
        }
        if (browserProcesses > 0) {
            confidence = confidence == 0 ? 10 : confidence + 5;
        }
        return new Key(!calls.isEmpty(), Math.min(100, confidence), operators(calls), calls.size(), media,
                calls.isEmpty() ? ended : null);
    }

    static DetectorSignal signal(List<Call> calls, long now, Settings settings, int browserProcesses) {
        return builder(key(calls, now, settings, browserProcesses), calls, now, settings, browserProcesses).build();
    }

    /** The signal for a key already computed from the same calls at the same instant. */
    static DetectorSignal.Builder builder(Key key, List<Call> calls, long now, Settings settings,
            int browserProcesses) {
        DetectorSignal.Builder b = DetectorSignal.builder(NAME).timestamp(Instant.ofEpochSecond(0, now))
                .active(key.active()).confidence(key.confidence()).ended(key.ended())
                .reason(key.ended() != null ? key.ended().detail() : reason(calls, key, now, browserProcesses));
        key.operators().values().forEach(b::operator);
        MediaFigures media = MediaFigures.of(calls, now, settings.mediaNanos());
        Call main = mainCall(calls, now);
        double out = 0;
        double in = 0;
        double dataRate = 0;
        for (Call call : calls) {
            out += call.megabitsPerSecond(now, true);
            in += call.megabitsPerSecond(now, false);
            for (Flow flow : call.flows) {
                double rate = flow.dataChannel.rate(now, RateWindow.PACKETS);
                dataRate += Double.isNaN(rate) ? 0 : rate;
            }
        }
        b.measurement(Measurements.LATENCY_MS, main == null ? Double.NaN : main.rttMillis())
                .measurement(Measurements.BANDWIDTH_MBPS, calls.isEmpty() ? Double.NaN : out + in)
                .measurement(Measurements.PACKET_LOSS_PERCENT, media.lossPercent())
                .measurement(Measurements.FPS, media.fpsMin())
                .measurement("fps_max", media.fpsMax())
                .measurement("jitter_ms", media.jitterMillis())
                .measurement("retransmitted_percent", media.retransmittedPercent())
                .measurement("outbound_mbps", out)
                .measurement("inbound_mbps", in)
                .measurement("dtls_records_per_s", dataRate)
                .measurement("calls", calls.size())
                .measurement("video_streams", media.video())
                .measurement("audio_streams", media.audio())
                .measurement("rtx_streams", media.rtx())
                .measurement("browser_processes", browserProcesses);
        if (media.lastVideoFrameNanos() != 0) {
            b.measurement(Measurements.SINCE_LAST_FRAME_MS, Math.max(0, now - media.lastVideoFrameNanos()) / 1e6);
        }
        if (main != null) {
            b.measurement("call_duration_s", (now - main.startNanos) / 1e9);
            int version = main.dtlsVersion();
            if (version > 0) {
                b.measurement("dtls_version", version / 10.0);
            }
        }
        return b;
    }

    /** The call with the most traffic now: its RTT and duration are the ones reported. */
    static Call mainCall(List<Call> calls, long now) {
        Call best = null;
        double bestRate = -1;
        for (Call call : calls) {
            double rate = call.megabitsPerSecond(now, true) + call.megabitsPerSecond(now, false);
            if (rate > bestRate) {
                best = call;
                bestRate = rate;
            }
        }
        return best;
    }

    /** The remote peers of the calls; the engine names them. */
    private static Map<String, Operator> operators(List<Call> calls) {
        Map<String, Operator> operators = new TreeMap<>();
        for (Call call : calls) {
            String id = call.remoteHost();
            if (id.isEmpty()) {
                continue;
            }
            String via = call.kind == Call.Kind.TURN && call.main != null
                    ? " via TURN " + call.main.endpoint(call.remoteSide) : "";
            operators.putIfAbsent(id, new Operator(id, null, IdentitySource.NETWORK_PEER,
                    "webrtc call " + call.id + " " + call.localEndpoint() + " <-> " + call.remoteEndpoint() + via));
        }
        return operators;
    }

    private static String reason(List<Call> calls, Key key, long now, int browserProcesses) {
        if (calls.isEmpty()) {
            return browserProcesses > 0 ? browserProcesses + " browser process(es) with UDP sockets, no call"
                    : "no WebRTC call seen";
        }
        Call main = mainCall(calls, now);
        String dtls = main.dtlsVersion() == 0 ? "" : ", DTLS " + main.dtlsVersion() / 10 + "." + main.dtlsVersion() % 10;
        return String.format("%d call(s); %s call %s with %s%s%s", calls.size(), main.kind.name().toLowerCase(
                java.util.Locale.ROOT), main.id, main.remoteEndpoint(), dtls, key.media() ? ", media flowing" : ", no media");
    }
}
