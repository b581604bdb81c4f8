package org.teleopmon.robot.internal;

import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.annotation.bundle.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.RobotIdentity;

/**
 * The robot identity from PID {@code org.teleopmon.robot}. A changed configuration re-registers the
 * service (no {@code @Modified}), so every export holding it restarts with the new topics and labels.
 * An invalid value is logged once with the fix and the default is used.
 */
@Component(service = RobotIdentity.class, immediate = true, configurationPid = ConfiguredIdentity.PID)
@Designate(ocd = RobotConfig.class)
@Header(name = "Teleop-Environment", value = "ROBOT_ID=" + ConfiguredIdentity.PID + "/robot.id,"
        + "ROBOT_SITE=" + ConfiguredIdentity.PID + "/site")
public class ConfiguredIdentity implements RobotIdentity {

    static final String PID = "org.teleopmon.robot";
    static final String DEFAULT_SITE = "default";
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredIdentity.class);

    private final String robotId;
    private final String site;

    @Activate
    public ConfiguredIdentity(RobotConfig config) {
        this(config, HostName::read);
    }

    ConfiguredIdentity(RobotConfig config, Supplier<String> hostName) {
        String host = IdentityNames.fromHostName(hostName.get()).orElse("robot");
        this.robotId = choose("robot.id", config.robot_id(), host);
        this.site = choose("site", config.site(), DEFAULT_SITE);
    }

    private static String choose(String key, String configured, String fallback) {
        String value = configured == null ? "" : configured.trim();
        if (value.isEmpty()) {
            return fallback;
        }
        if (IdentityNames.isValid(value)) {
            return value;
        }
        LOG.warn("{} {}: '{}' is not a valid name (1 to 64 letters, digits, '.', '_' or '-'); using '{}'. "
                + "Fix it in etc/{}.cfg.", PID, key, value, fallback, PID);
        return fallback;
    }

    @Override
    public String robotId() {
        return robotId;
    }

    @Override
    public String site() {
        return site;
    }

    @Override
    public String toString() {
        return site + "/" + robotId;
    }
}
