package org.teleopmon.detector.input.internal;

import java.time.Instant;
import java.util.Locale;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Operator;

/**
 * The detector's signal from its devices. Operators are the pads a program holds (connected, maybe
 * idle) and whatever is driven now; a keyboard is an operator only while its teleop keys drive.
 * Measurements: {@code input_rate_hz} (groups of control changes per second on the leading device),
 * {@code active_controls}, {@code device_kind} (1 gamepad, 2 joystick, 3 keyboard, 0 none driven),
 * device and process counts, and per teleop key set the presses and autorepeats counted.
 */
final class InputView {

    private InputView() {
    }

    static DetectorSignal signal(InputModel model, Device[] all, int lead, int confidence, int robotSet, long now,
            Instant wall) {
        TeleopKeys keys = model.settings().keys();
        DetectorSignal.Builder signal = DetectorSignal.builder(InputModel.NAME).timestamp(wall).active(lead >= 0)
                .confidence(confidence);
        int controls = 0;
        int activeControls = 0;
        int keyboards = 0;
        int reading = 0;
        int consumers = 0;
        long malformed = 0;
        long shortReads = 0;
        long readErrors = 0;
        long drops = 0;
        long[] presses = new long[keys.sets()];
        long[] repeats = new long[keys.sets()];
        for (Device d : all) {
            controls += d.info.kind().controls() && !d.ignored ? 1 : 0;
            keyboards += d.info.kind() == DeviceKind.KEYBOARD && !d.ignored ? 1 : 0;
            reading += d.open() ? 1 : 0;
            consumers += d.consumers.size();
            malformed += d.state.malformedCount();
            shortReads += d.shortReads;
            readErrors += d.readErrors;
            drops += d.state.drops();
            for (int set = 0; set < keys.sets(); set++) {
                presses[set] += d.state.presses(set);
                repeats[set] += d.state.repeats(set);
            }
            if (d.driving) {
                activeControls += d.state.activeControls();
            }
            if (d.ignored) {
                continue;
            }
            if (d.driving || d.info.kind().controls() && !d.consumers.isEmpty()) {
                signal.operator(new Operator(model.identity(d.info), d.info.name(), IdentitySource.INPUT_DEVICE,
                        detail(d)));
            }
        }
        Device leader = lead >= 0 ? all[lead] : null;
        signal.measurement("input_rate_hz", leader == null ? 0 : leader.state.rateHz(now))
                .measurement("active_controls", activeControls)
                .measurement("device_kind", leader == null ? 0 : leader.info.kind().code())
                .measurement("devices", all.length)
                .measurement("control_devices", controls)
                .measurement("keyboards", keyboards)
                .measurement("reading_devices", reading)
                .measurement("consumers", consumers)
                .measurement("hidden_processes", model.hiddenProcesses())
                .measurement("malformed_records_total", malformed)
                .measurement("short_reads_total", shortReads)
                .measurement("read_errors_total", readErrors)
                .measurement("dropped_total", drops);
        for (int set = 0; set < keys.sets(); set++) {
            signal.measurement("teleop_keys_" + keys.names().get(set) + "_presses_total", presses[set])
                    .measurement("teleop_keys_" + keys.names().get(set) + "_repeats_total", repeats[set]);
        }
        if (robotSet >= 0) {
            signal.robotType(keys.names().get(robotSet));
        }
        signal.reason(reason(leader, all, model, now, keys, robotSet));
        if (leader == null) {
            signal.ended(model.ended());
        }
        return signal.build();
    }

    private static String detail(Device d) {
        String held = d.consumers.isEmpty() ? "no program holds it"
                : "held by " + String.join(", ", d.consumers.stream().map(Consumer::toString).toList());
        return d.info.kind().label() + " on " + d.info.nodeNames() + ", " + held;
    }

    private static String reason(Device leader, Device[] all, InputModel model, long now, TeleopKeys keys,
            int robotSet) {
        if (leader != null) {
            String what = leader.state.keyboard()
                    ? (robotSet >= 0 ? keys.names().get(robotSet).toUpperCase(Locale.ROOT) + " " : "") + "teleop keys held on "
                            + leader.info.name()
                    : leader.info.name() + " (" + leader.info.kind().label() + ") driven";
            return String.format(Locale.ROOT, "%s: %d controls, %.0f groups/s, %s", what,
                    leader.state.activeControls(), leader.state.rateHz(now),
                    leader.consumers.isEmpty() ? "no program seen holding it" : "held by " + leader.consumers.get(0));
        }
        if (model.ended() != null) {
            return model.ended().detail();
        }
        int read = 0;
        for (Device d : all) {
            read += d.info.kind().read() && !d.ignored ? 1 : 0;
        }
        return all.length == 0 ? "no input devices" : read + " pads, joysticks or keyboards of " + all.length
                + " input devices, none driven";
    }
}
