package org.teleopmon.robot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class ConfiguredIdentityTest {

    @Test
    void defaultsToTheHostNameAsAValidName() {
        ConfiguredIdentity identity = new ConfiguredIdentity(config("", "default"), () -> "LeKiwi_07.lab local");

        assertThat(identity.robotId()).isEqualTo("lekiwi_07.lab-local");
        assertThat(identity.site()).isEqualTo("default");
    }

    @Test
    void takesConfiguredValues() {
        ConfiguredIdentity identity = new ConfiguredIdentity(config(" kiwi-3 ", "school-a"), () -> "host");

        assertThat(identity.robotId()).isEqualTo("kiwi-3");
        assertThat(identity.site()).isEqualTo("school-a");
    }

    @Test
    void rejectsWhatCannotBeATopicLevelOrLabel() {
        ConfiguredIdentity identity = new ConfiguredIdentity(config("kiwi/3", "lab+#"), () -> "host");

        assertThat(identity.robotId()).isEqualTo("host");
        assertThat(identity.site()).isEqualTo("default");
    }

    @Test
    void namesNoRobotWhenTheHostNameIsUnusable() {
        assertThat(new ConfiguredIdentity(config("", ""), () -> "///").robotId()).isEqualTo("robot");
        assertThat(IdentityNames.isValid("..")).isFalse();
        assertThat(IdentityNames.isValid("a".repeat(65))).isFalse();
    }

    private static RobotConfig config(String robotId, String site) {
        return new RobotConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RobotConfig.class;
            }

            @Override
            public String robot_id() {
                return robotId;
            }

            @Override
            public String site() {
                return site;
            }
        };
    }
}
