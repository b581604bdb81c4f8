package org.teleopmon.detector.network.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;

/**
 * Turns the classified flows into the detector's signal. {@link Key} is what is pushed at once when it
 * changes (active, confidence, operators, which flows carry which class, an end); the figures change with
 * every packet and are read on the engine's tick.
 *
 * <p>Confidence: a VR or web_control connection with its messages flowing proves teleoperation
 * ({@value #SESSION_CONFIDENCE}); a video flow out of the robot with a control flow in from the same peer
 * is the teleop pattern, {@value #PATTERN_CONFIDENCE}: with the default weight it stays under the engine's
 * start threshold alone and corroborates another detector. On a port or payload another detector decodes
 * (ZMQ, WebRTC) it only counts {@value #CORROBORATE_CONFIDENCE}, and the state's readings stay that
 * detector's.
 */
final class NetworkView {

    static final String NAME = "network";
    static final int SESSION_CONFIDENCE = 90;
    static final int PATTERN_CONFIDENCE = 50;
    static final int CORROBORATE_CONFIDENCE = 30;

    /** A video flow out and a control flow in with one peer. */
    record Pattern(Flow video, Flow control, String peer, boolean corroborates) {

        String evidence() {
            return "teleop pattern with " + peer + (corroborates ? " (on a ZMQ/WebRTC port or payload: corroborates)"
                    : "") + ": [" + video.evidence + "] + [" + control.evidence + "]";
        }
    }

    /** The part of the view whose change is pushed at once. */
    record Key(boolean active, int confidence, List<String> operators, List<String> classes, String ended) {
    }

    /** An end seen: a VR or web_control connection that was active closed. */
    record End(EndReason reason, long atNanos) {
    }

    private NetworkView() {
    }

    /** Video flows out of a side and control flows into it from the same peer. */
    static List<Pattern> patterns(List<Flow> flows) {
        List<Pattern> patterns = new ArrayList<>();
        for (Flow video : flows) {
            if (video.flowClass != FlowClass.VIDEO) {
                continue;
            }
            int robot = video.classSender();
            int operator = Flow.other(robot);
            // Video into this host makes it a viewer (a browser, a download), never the robot.
            if (!video.isLocal(robot)) {
                continue;
            }
            for (Flow control : flows) {
                if (control == video || control.flowClass != FlowClass.CONTROL) {
                    continue;
                }
                int sender = control.classSender();
                if (control.address(sender).equals(video.address(operator))
                        && control.address(Flow.other(sender)).equals(video.address(robot))) {
                    boolean corroborates = video.knownPort || control.knownPort || video.hint.webRtc()
                            || control.hint.webRtc();
                    patterns.add(new Pattern(video, control, video.address(operator), corroborates));
                }
            }
        }
        return patterns;
    }

    static Key key(List<Flow> flows, List<Pattern> patterns, End end) {
        int confidence = 0;
        Map<String, Boolean> operators = new TreeMap<>();
        List<String> classes = new ArrayList<>();
        for (Flow f : flows) {
            if (f.flowClass.isSession()) {
                confidence = SESSION_CONFIDENCE;
                operators.put(f.address(f.classSender()), true);
            }
            if (f.flowClass != FlowClass.NONE) {
                classes.add(f.id + ":" + f.flowClass.label());
            }
        }
        for (Pattern p : patterns) {
            confidence = Math.max(confidence, p.corroborates() ? CORROBORATE_CONFIDENCE : PATTERN_CONFIDENCE);
            operators.put(p.peer(), true);
        }
        return new Key(confidence > 0, confidence, List.copyOf(operators.keySet()), classes,
                confidence == 0 && end != null ? end.reason().kind().wireName() : "");
    }

    static DetectorSignal signal(Key key, List<Flow> flows, List<Pattern> patterns, End end, long now) {
        DetectorSignal.Builder b = DetectorSignal.builder(NAME).timestamp(Instant.ofEpochSecond(0, now))
                .active(key.active()).confidence(key.confidence());
        double vrRate = 0;
        double webRate = 0;
        double sessionMbps = 0;
        int[] counts = new int[FlowClass.values().length];
        double[] classMbps = new double[FlowClass.values().length];
        List<String> evidence = new ArrayList<>();
        Map<String, Operator> operators = new TreeMap<>();
        for (Flow f : flows) {
            counts[f.flowClass.ordinal()]++;
            classMbps[f.flowClass.ordinal()] += f.mbps;
            if (f.flowClass == FlowClass.VR) {
                vrRate += f.classRateHz;
            } else if (f.flowClass == FlowClass.WEB_CONTROL) {
                webRate += f.classRateHz;
            }
            if (f.flowClass.isSession()) {
                sessionMbps += f.mbps;
                evidence.add(f.evidence);
                String id = f.address(f.classSender());
                operators.putIfAbsent(id, new Operator(id, null, IdentitySource.NETWORK_PEER,
                        f.flowClass.label() + " " + f.endpoint(f.classSender()) + " -> " + f.endpoint(Flow.other(f.classSender()))));
            }
        }
        double patternCommands = 0;
        double patternFps = Double.NaN;
        double patternMbps = 0;
        boolean ownPattern = false;
        for (Pattern p : patterns) {
            evidence.add(p.evidence());
            operators.putIfAbsent(p.peer(), new Operator(p.peer(), null, IdentitySource.NETWORK_PEER,
                    "teleop pattern: video " + p.video().endpoint(p.video().classSender()) + " -> "
                            + p.video().endpoint(Flow.other(p.video().classSender())) + ", control from "
                            + p.control().endpoint(p.control().classSender())));
            if (!p.corroborates()) {
                ownPattern = true;
                patternCommands += p.control().classRateHz;
                patternFps = Double.isNaN(patternFps) ? p.video().classRateHz : Math.max(patternFps, p.video().classRateHz);
                patternMbps += p.video().mbps + p.control().mbps;
            }
        }
        operators.values().forEach(b::operator);
        // The state's readings are this detector's only when it is the one that sees the session.
        boolean session = counts[FlowClass.VR.ordinal()] + counts[FlowClass.WEB_CONTROL.ordinal()] > 0;
        if (session || ownPattern) {
            b.measurement(Measurements.COMMAND_RATE_HZ, vrRate + webRate + (session ? 0 : patternCommands));
            b.measurement(Measurements.BANDWIDTH_MBPS, sessionMbps + (session ? 0 : patternMbps));
            if (!session) {
                b.measurement(Measurements.FPS, patternFps);
            }
        }
        b.measurement("vr_rate_hz", vrRate).measurement("web_commands_hz", webRate)
                .measurement("teleop_patterns", patterns.size())
                .measurement("flows", flows.size());
        for (FlowClass c : FlowClass.values()) {
            if (c != FlowClass.NONE) {
                b.measurement("flows_" + c.label(), counts[c.ordinal()]);
                b.measurement(c.label() + "_mbps", classMbps[c.ordinal()]);
            }
        }
        if (!key.active() && end != null) {
            b.ended(EndReason.of(end.reason().kind(), end.reason().detail(), Instant.ofEpochSecond(0, end.atNanos())));
            evidence.add("ended: " + end.reason().detail());
        }
        if (evidence.isEmpty()) {
            evidence.add(String.format("no teleop flow among %d flows (%d video, %d control)", flows.size(),
                    counts[FlowClass.VIDEO.ordinal()], counts[FlowClass.CONTROL.ordinal()]));
            flows.stream().filter(f -> f.flowClass != FlowClass.NONE).limit(4).forEach(f -> evidence.add(f.evidence));
        }
        return b.reason(String.join("; ", evidence)).build();
    }
}
