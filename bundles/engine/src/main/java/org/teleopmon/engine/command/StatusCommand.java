package org.teleopmon.engine.command;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.TeleopState;
import org.teleopmon.wire.Wire;

@Service
@Command(scope = "teleop", name = "status",
        description = "Shows whether the robot is teleoperated now, by whom, since when and how well.")
public class StatusCommand implements Action {

    @Reference
    TeleopMonitor monitor;

    @Option(name = "--json", description = "Print the state as one JSON object, as GET /status shows it")
    boolean json;

    @Override
    public Object execute() throws Exception {
        TeleopState state = monitor.getState();
        if (json) {
            System.out.println(Wire.write(state));
        } else {
            print(state, System.out);
        }
        return null;
    }

    static void print(TeleopState state, PrintStream out) {
        out.printf("State      : %s (confidence %d/100)%n", state.active() ? "ACTIVE" : "idle", state.confidence());
        out.printf("Robot type : %s%n", state.robotType());
        if (state.active()) {
            out.printf("Since      : %s (%s)%n", Formats.instant(state.startTime()), Formats.duration(state.duration()));
        }
        if (state.operators().isEmpty()) {
            out.println("Operators  : none");
        }
        for (int i = 0; i < state.operators().size(); i++) {
            OperatorInfo operator = state.operators().get(i);
            out.printf("%s%s%n", i == 0 ? "Operators  : " : "             ", Formats.operator(operator));
        }
        for (String name : Measurements.STATE_METRICS) {
            Reading reading = state.metrics().get(name);
            out.printf("%-19s: %s%n", name, reading == null ? "-"
                    : Formats.number(reading.value()) + " (" + reading.source() + ")");
        }
    }
}
