package org.teleopmon.config.internal;

import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between Config Admin and every {@code org.teleopmon.*} component: applies the seed's
 * environment variables, then checks each value against the component's metatype so that a bad
 * value never reaches a component. Runs before other plugins ({@code service.cmRanking} 100 is
 * inside the 0..1000 range in which plugins may modify). Immediate, because Config Admin releases
 * plugins after each use and the last valid values must outlive that.
 */
@Component(service = ConfigurationPlugin.class, immediate = true,
        property = ConfigurationPlugin.CM_RANKING + ":Integer=100")
public class ConfigGuard implements ConfigurationPlugin {

    static final String PID_PREFIX = "org.teleopmon.";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigGuard.class);

    private final SeedEnvironment environment = new SeedEnvironment(System::getenv);
    private final AttributeChecker checker = new AttributeChecker();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final MetaTypeLookup lookup;

    @Activate
    public ConfigGuard(BundleContext context, @Reference MetaTypeService metaType) {
        this.lookup = new MetaTypeLookup(context, metaType);
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        String pid = effectivePid(properties);
        if (pid == null || !pid.startsWith(PID_PREFIX)) {
            return;
        }
        for (SeedEnvironment.Applied applied : environment.apply(pid, properties)) {
            logOnce("env:" + applied, () -> LOG.info("{}={} sets '{}' in {}", applied.variable(), applied.value(),
                    applied.key(), applied.pid()));
        }
        lookup.find(pid).ifPresent(ocd -> {
            AttributeDefinition[] definitions = ocd.getAttributeDefinitions(
                    org.osgi.service.metatype.ObjectClassDefinition.ALL);
            if (definitions == null) {
                return;
            }
            List<AttributeChecker.Rejection> rejections = checker.check(pid, definitions, properties);
            for (AttributeChecker.Rejection rejection : rejections) {
                logOnce("bad:" + rejection.pid() + "/" + rejection.key() + "=" + rejection.value(),
                        () -> LOG.warn(rejection.describe()));
            }
        });
    }

    private void logOnce(String key, Runnable log) {
        if (reported.add(key)) {
            log.run();
        }
    }

    /** Factory configurations are described by their factory PID. */
    private static String effectivePid(Dictionary<String, Object> properties) {
        Object factoryPid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        Object pid = factoryPid != null ? factoryPid : properties.get(Constants.SERVICE_PID);
        return pid == null ? null : pid.toString();
    }
}
