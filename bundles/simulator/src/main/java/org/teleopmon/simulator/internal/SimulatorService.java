package org.teleopmon.simulator.internal;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the one running simulation (the shell's {@code teleop:simulate} starts and stops it) and
 * starts one at activation when asked to: the launcher's {@code --simulate[=lekiwi|xle]} sets
 * {@code TELEOP_SIMULATE}, which wins over the configured {@code autostart}.
 */
@Component(service = SimulatorService.class, immediate = true, configurationPid = "org.teleopmon.simulator")
@Designate(ocd = SimulatorService.Config.class)
@Header(name = "Teleop-Environment", value = "TELEOP_SIMULATE=org.teleopmon.simulator/autostart")
public class SimulatorService {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorService.class);

    @ObjectClassDefinition(name = "Teleop Monitor simulator",
            description = "Simulated LeKiwi / XLE teleoperation over JeroMQ on this machine, for demos and tests.")
    public @interface Config {

        @AttributeDefinition(description = "Start a simulation when the bundle starts: lekiwi, xle, or empty for no. "
                + "The TELEOP_SIMULATE environment variable (launcher --simulate) wins.")
        String autostart() default "";

        @AttributeDefinition(description = "How long the started simulation runs, seconds; 0 runs until stopped.",
                min = "0", max = "86400")
        double autostart_duration() default 0;

        @AttributeDefinition(description = "Command port the simulated robot binds.", min = "1", max = "65535")
        int command_port() default 5555;

        @AttributeDefinition(description = "Observation port the simulated robot binds.", min = "1", max = "65535")
        int observation_port() default 5556;

        @AttributeDefinition(description = "Operator id sent in the commands; empty for none.")
        String operator_id() default "";
    }

    private Simulation current;

    @Activate
    public SimulatorService(Config config) {
        autostart(config);
    }

    /**
     * A changed configuration leaves a simulation that runs alone; one that arrives after
     * activation (the launcher's --simulate on a first start, before etc/ is read) may start one.
     */
    @Modified
    synchronized void modified(Config config) {
        if (current == null) {
            autostart(config);
        }
    }

    private void autostart(Config config) {
        String robot = config.autostart().trim();
        if (robot.isEmpty()) {
            return;
        }
        try {
            SimulationOptions defaults = SimulationOptions.defaults(robot);
            SimulationOptions options = new SimulationOptions(defaults.robot(), "both", defaults.multipart(),
                    defaults.bindHost(), defaults.robotHost(), config.command_port(), config.observation_port(),
                    defaults.rateHz(), Duration.ofNanos(Math.round(config.autostart_duration() * 1e9)),
                    defaults.cameras(), defaults.jpegBytes(), config.operator_id(), Duration.ZERO, Duration.ZERO);
            start(options);
            LOG.info("Simulating {} teleoperation on 127.0.0.1:{}/{} (stop with teleop:simulate --stop)",
                    options.robot(), options.commandPort(), options.observationPort());
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("Cannot start the simulation '{}': {}", robot, e.getMessage());
        }
    }

    /** Starts a simulation, replacing one that has finished; refuses while one runs. */
    public synchronized Simulation start(SimulationOptions options) {
        if (current != null && current.stats().running()) {
            throw new IllegalStateException("a simulation is already running; stop it first (teleop:simulate --stop)");
        }
        if (current != null) {
            current.close();
        }
        current = Simulation.start(options);
        return current;
    }

    public synchronized Optional<Simulation> current() {
        return Optional.ofNullable(current);
    }

    /** Stops the running simulation, if any; returns it. */
    public synchronized Optional<Simulation> stop() {
        Simulation stopped = current;
        if (stopped != null) {
            stopped.close();
        }
        return Optional.ofNullable(stopped);
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }
}
