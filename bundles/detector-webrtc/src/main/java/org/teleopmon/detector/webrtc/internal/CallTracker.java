package org.teleopmon.detector.webrtc.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.EndReason;
import org.teleopmon.detector.support.LocalAddresses;

/**
 * Groups flows into calls and follows each call from up to down. A call is up while its ICE
 * session has answered checks and carries DTLS or SRTP (or, without ICE, while valid RTP flows),
 * and it ends at once on a DTLS close alert (a browser closing its peer connection sends close_notify;
 * DTLS 1.2 leaves the record type in clear), or when nothing arrives for the idle timeout: a peer that
 * vanishes stops its media and its ICE consent checks. Either way the end is a
 * {@link EndReason.Kind#CALL_ENDED} (plain RTP without ICE: {@link EndReason.Kind#IDLE}), kept as
 * {@link #ended()} until a call is up again.
 */
final class CallTracker {

    private final Settings settings;
    private final LocalAddresses local;
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final Deque<CallSummary> history = new ArrayDeque<>();
    private final int historySize;
    private long nextId = 1;
    private EndReason ended;

    CallTracker(Settings settings, LocalAddresses local, int historySize) {
        this.settings = settings;
        this.local = local;
        this.historySize = historySize;
    }

    /** Re-groups the flows; returns the calls that started and the summaries of those that ended. */
    Changes update(List<Flow> flows, long now) {
        Map<String, List<Flow>> groups = new HashMap<>();
        for (Flow flow : flows) {
            String key = key(flow);
            if (key != null) {
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(flow);
            }
        }
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>());
        for (Map.Entry<String, List<Flow>> group : groups.entrySet()) {
            Call call = calls.get(group.getKey());
            if (call == null) {
                call = new Call("c" + nextId, group.getKey(), earliest(group.getValue()));
            }
            refresh(call, group.getValue(), now);
            if (call.up && !calls.containsKey(call.key)) {
                nextId++;
                ended = null;
                calls.put(call.key, call);
                changes.started().add(call);
            }
        }
        calls.values().removeIf(call -> {
            if (groups.containsKey(call.key) && call.up) {
                return false;
            }
            CallSummary summary = CallSummary.of(call, now);
            history.addFirst(summary);
            while (history.size() > historySize) {
                history.removeLast();
            }
            changes.ended().add(summary);
            ended = endReason(call, now);
            return true;
        });
        return changes;
    }

    /** How the last call ended, while no call is up; null otherwise. */
    EndReason ended() {
        return calls.isEmpty() ? ended : null;
    }

    private EndReason endReason(Call call, long now) {
        String after = String.format(" after %.1f s", (Math.min(now, call.lastNanos) - call.startNanos) / 1e9);
        if (call.closedNanos > 0) {
            return EndReason.of(EndReason.Kind.CALL_ENDED, (call.closedByRemote ? "operator" : "robot")
                    + " closed WebRTC call " + call.id + " with " + call.remoteEndpoint() + " (DTLS close_notify)"
                    + after, Instant.ofEpochSecond(0, call.closedNanos));
        }
        String idle = String.format("no packet for %.1f s", (now - call.lastNanos) / 1e9);
        if (call.kind == Call.Kind.RTP) {
            return EndReason.of(EndReason.Kind.IDLE, "RTP from " + call.remoteEndpoint() + " stopped (" + idle + ")"
                    + after, Instant.ofEpochSecond(0, call.lastNanos));
        }
        return EndReason.of(EndReason.Kind.CALL_ENDED, "WebRTC call " + call.id + " with " + call.remoteEndpoint()
                + ": media and ICE consent checks stopped (" + idle + ")" + after,
                Instant.ofEpochSecond(0, call.lastNanos));
    }

    /** Whether a call that is up owns this flow. */
    boolean holds(Flow flow) {
        for (Call call : calls.values()) {
            if (call.flows.contains(flow)) {
                return true;
            }
        }
        return false;
    }

    List<Call> active() {
        return List.copyOf(calls.values());
    }

    /** Whether any call is up (without the copy {@link #active()} makes). */
    boolean anyActive() {
        return !calls.isEmpty();
    }

    List<CallSummary> history() {
        return List.copyOf(history);
    }

    record Changes(List<Call> started, List<CallSummary> ended) {
        boolean any() {
            return !started.isEmpty() || !ended.isEmpty();
        }
    }

    private void refresh(Call call, List<Flow> flows, long now) {
        call.flows.clear();
        call.flows.addAll(flows);
        Flow main = null;
        boolean ice = false;
        boolean secure = false;
        boolean media = false;
        boolean turn = false;
        long last = 0;
        long closed = 0;
        int closedBy = -1;
        for (Flow flow : flows) {
            if (flow.closedNanos > closed) {
                closed = flow.closedNanos;
                closedBy = flow.closedBy;
            }
            if (main == null || flow.bytes[0] + flow.bytes[1] > main.bytes[0] + main.bytes[1]) {
                main = flow;
            }
            ice |= flow.bindingResponses > 0 || flow.bindingRequests > 0 && flow.iceSession != null;
            secure |= flow.dtls.seen();
            media |= hasValidStream(flow);
            turn |= flow.turn;
            last = Math.max(last, flow.lastNanos);
        }
        call.main = main;
        call.lastNanos = last;
        call.remoteSide = remoteSide(main);
        call.closedNanos = closed;
        call.closedByRemote = closedBy == call.remoteSide;
        call.kind = turn ? Call.Kind.TURN : ice ? Call.Kind.WEBRTC : Call.Kind.RTP;
        boolean recent = now - last <= settings.idleNanos();
        call.up = recent && closed == 0 && (ice ? secure || media : media && call.mediaFlowing(now, settings.mediaNanos()));
    }

    /** The far end: the side that is not the robot's; if both or neither are, the media receiver. */
    private int remoteSide(Flow flow) {
        boolean aLocal = local.isLocal(flow.hostA);
        boolean bLocal = local.isLocal(flow.hostB);
        if (aLocal != bLocal) {
            return aLocal ? 1 : 0;
        }
        long toB = 0;
        long toA = 0;
        for (int i = 0; i < flow.streamCount; i++) {
            MediaStream stream = flow.streams[i];
            if (stream.direction == 0) {
                toB += stream.bytes;
            } else {
                toA += stream.bytes;
            }
        }
        return toA > toB ? 0 : 1;
    }

    private static String key(Flow flow) {
        if (flow.iceSession != null) {
            return flow.iceCallKey();
        }
        if (flow.bindingRequests + flow.bindingResponses > 0 || flow.dtls.seen() || hasValidStream(flow)) {
            return flow.flowCallKey;
        }
        return null;
    }

    private static boolean hasValidStream(Flow flow) {
        for (int i = 0; i < flow.streamCount; i++) {
            if (flow.streams[i].valid()) {
                return true;
            }
        }
        return false;
    }

    private static long earliest(List<Flow> flows) {
        long first = Long.MAX_VALUE;
        for (Flow flow : flows) {
            first = Math.min(first, flow.firstNanos);
        }
        return first;
    }
}
