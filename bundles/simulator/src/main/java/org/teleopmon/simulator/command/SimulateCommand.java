package org.teleopmon.simulator.command;

import java.time.Duration;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.teleopmon.simulator.internal.Simulation;
import org.teleopmon.simulator.internal.SimulationOptions;
import org.teleopmon.simulator.internal.SimulatorService;

/** {@code teleop:simulate}: simulated LeKiwi / XLE teleoperation on this machine. */
@Service
@Command(scope = "teleop", name = "simulate", description = "Runs a simulated LeKiwi or XLE robot and operator over ZMQ on this machine")
public class SimulateCommand implements Action {

    @Reference
    SimulatorService simulator;

    @Option(name = "--robot", description = "lekiwi or xle")
    @Completion(value = StringsCompleter.class, values = {"lekiwi", "xle"})
    String robot = "lekiwi";

    @Option(name = "--role", description = "both, robot (host only) or operator (client only)")
    @Completion(value = StringsCompleter.class, values = {"both", "robot", "operator"})
    String role = "both";

    @Option(name = "--format", description = "Observation format: multipart (lerobot >= 0.6.1) or base64 (older, XLE)")
    @Completion(value = StringsCompleter.class, values = {"multipart", "base64"})
    String format;

    @Option(name = "--duration", description = "How long, such as 30s, 500ms or 2m; 0 runs until --stop")
    String duration = "30s";

    @Option(name = "--rate", description = "Commands and observations per second")
    double rate = 30;

    @Option(name = "--cameras", description = "Cameras per observation")
    int cameras = 2;

    @Option(name = "--jpeg-bytes", description = "Size of each camera's JPEG")
    int jpegBytes = 66_000;

    @Option(name = "--command-port", description = "Robot command port")
    int commandPort = 5555;

    @Option(name = "--observation-port", description = "Robot observation port")
    int observationPort = 5556;

    @Option(name = "--host", description = "Address the robot binds and the operator connects to")
    String host = "127.0.0.1";

    @Option(name = "--operator-id", description = "Operator id sent in every command")
    String operatorId = "";

    @Option(name = "--stall", description = "Pause the commands this long (such as 400ms)...")
    String stall = "0";

    @Option(name = "--stall-every", description = "...this often (such as 5s)")
    String stallEvery = "0";

    @Option(name = "--wait", description = "Block until the simulation ends, then print its counts")
    boolean waitForEnd;

    @Option(name = "--stop", description = "Stop the running simulation")
    boolean stop;

    @Option(name = "--status", description = "Show the current simulation's counts")
    boolean status;

    @Override
    public Object execute() throws Exception {
        if (stop) {
            System.out.println(simulator.stop().map(s -> "stopped: " + describe(s)).orElse("no simulation"));
            return null;
        }
        if (status) {
            System.out.println(simulator.current().map(SimulateCommand::describe).orElse("no simulation"));
            return null;
        }
        boolean multipart = format == null ? !"xle".equalsIgnoreCase(robot) : format.equalsIgnoreCase("multipart");
        SimulationOptions options = new SimulationOptions(robot, role, multipart, host, host, commandPort,
                observationPort, rate, duration(duration), cameras, jpegBytes, operatorId, duration(stall),
                duration(stallEvery));
        Simulation simulation = simulator.start(options);
        System.out.printf("simulating %s (%s, %s observations) on %s:%d/%d at %.1f Hz%n", options.robot(),
                options.role(), multipart ? "multipart" : "base64", host, commandPort, observationPort, rate);
        if (waitForEnd) {
            try {
                while (!simulation.awaitDone(Duration.ofMillis(200))) {
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                }
            } finally {
                if (simulation.stats().running()) {
                    simulator.stop();
                }
                System.out.println(describe(simulation));
            }
        }
        return null;
    }

    static String describe(Simulation s) {
        Simulation.Stats st = s.stats();
        return String.format("%s %s, %d commands and %d observations sent, %d and %d received, %.1f s%s",
                s.options().robot(), st.running() ? "running" : "finished", st.commandsSent(), st.observationsSent(),
                st.commandsReceived(), st.observationsReceived(), st.elapsed().toMillis() / 1000.0,
                st.problem().isEmpty() ? "" : ", problem: " + st.problem());
    }

    /** 30s, 500ms, 2m, or plain seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            }
            return Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 30s, 500ms or 2m)");
        }
    }
}
