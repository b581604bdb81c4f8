package org.teleopmon.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.FreePort;

class SimulationTest {

    @Test
    void robotAndOperatorExchangeCommandsAndObservationsForTheDuration() throws Exception {
        SimulationOptions options = SimulationOptions.defaults("lekiwi").withPorts(FreePort.next(), FreePort.next())
                .withDuration(Duration.ofMillis(1500));
        try (Simulation simulation = Simulation.start(options)) {
            assertThat(simulation.awaitDone(Duration.ofSeconds(10))).isTrue();
            Simulation.Stats stats = simulation.stats();
            assertThat(stats.commandsSent()).isBetween(30L, 46L);
            assertThat(stats.commandsReceived()).isEqualTo(stats.commandsSent());
            assertThat(stats.observationsReceived()).isPositive();
            assertThat(stats.running()).isFalse();
        }
    }

    @Test
    void aPortInUseFailsAtStartWithTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SimulationOptions options = SimulationOptions.defaults("xle").withPorts(taken.getLocalPort(), FreePort.next());
            assertThatThrownBy(() -> Simulation.start(options)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot bind 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void stopEndsAnOpenEndedSimulation() {
        SimulationOptions options = SimulationOptions.defaults("xle").withPorts(FreePort.next(), FreePort.next());
        try (Simulation simulation = Simulation.start(options)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> simulation.stats().commandsReceived() > 3);
            simulation.stop();
            assertThat(simulation.stats().running()).isFalse();
        }
    }

    @Test
    void payloadsCarryTheRealKeySets() {
        Payloads lekiwi = new Payloads(SimulationOptions.defaults("lekiwi"));
        String command = new String(lekiwi.command(0));
        assertThat(command).contains("\"arm_gripper.pos\"", "\"x.vel\": 0.2", "\"theta.vel\"").doesNotContain("operator");
        assertThat(lekiwi.observation(0)).hasSize(3);
        assertThat(new String(lekiwi.observation(0).get(0))).contains("\"_cams\": [\"front\", \"wrist\"]");

        Payloads xle = new Payloads(SimulationOptions.defaults("xle"));
        assertThat(new String(xle.command(0))).contains("\"left_arm_shoulder_pan.pos\"", "\"head_motor_2.pos\"");
        assertThat(xle.observation(0)).singleElement().satisfies(b -> assertThat(new String(b)).contains("\"front\": \"/9j"));
    }
}
