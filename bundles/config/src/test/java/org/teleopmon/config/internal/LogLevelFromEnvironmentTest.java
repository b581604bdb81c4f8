package org.teleopmon.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLevelFromEnvironmentTest {

    @Test
    void logLevelNamesArePythonFriendly() {
        assertThat(LogLevelFromEnvironment.normalise(" warning")).isEqualTo("WARN");
        assertThat(LogLevelFromEnvironment.normalise("debug")).isEqualTo("DEBUG");
        assertThat(LogLevelFromEnvironment.normalise("loud")).isNull();
    }
}
