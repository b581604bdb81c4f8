package org.teleopmon.config.internal;

import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between Config Admin and every {@code org.teleopmon.*} component. In order: former
 * duration keys become their seconds keys, environment variables declared by the owning bundle
 * win over the file, comma-separated list values become the typed arrays the metatype declares,
 * and every value is checked against the metatype so that a bad one never reaches a component.
 * Runs before other plugins ({@code service.cmRanking} 100 is inside the 0..1000 range in which
 * plugins may modify). Immediate, because Config Admin releases plugins after each use and the
 * last valid values must outlive that.
 */
@Component(service = ConfigurationPlugin.class, immediate = true,
        property = ConfigurationPlugin.CM_RANKING + ":Integer=100")
public class ConfigGuard implements ConfigurationPlugin {

    static final String PID_PREFIX = "org.teleopmon.";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigGuard.class);

    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final DeclaredEnvironment environment = new DeclaredEnvironment(System::getenv,
            problem -> logOnce("header:" + problem, () -> LOG.warn(problem)));
    private final BundleTracker<?> bundles;
    private final AttributeChecker checker = new AttributeChecker();
    private final MetaTypeLookup lookup;

    @Activate
    public ConfigGuard(BundleContext context, @Reference MetaTypeService metaType,
            @Reference ConfigurationAdmin configAdmin) {
        this.lookup = new MetaTypeLookup(context, metaType);
        EnvironmentSeed seed = new EnvironmentSeed(configAdmin);
        this.bundles = new BundleTracker<>(context, Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING
                | Bundle.ACTIVE | Bundle.STOPPING, new BundleTrackerCustomizer<List<DeclaredEnvironment.Declaration>>() {
                    @Override
                    public List<DeclaredEnvironment.Declaration> addingBundle(Bundle bundle, BundleEvent event) {
                        List<DeclaredEnvironment.Declaration> declared = environment.addingBundle(bundle, event);
                        if (declared != null) {
                            environment.set(declared).forEach(applied -> seed(seed, applied));
                        }
                        return declared;
                    }

                    @Override
                    public void modifiedBundle(Bundle bundle, BundleEvent event,
                            List<DeclaredEnvironment.Declaration> declared) {
                        environment.modifiedBundle(bundle, event, declared);
                    }

                    @Override
                    public void removedBundle(Bundle bundle, BundleEvent event,
                            List<DeclaredEnvironment.Declaration> declared) {
                        environment.removedBundle(bundle, event, declared);
                    }
                });
        bundles.open();
    }

    private void seed(EnvironmentSeed seed, DeclaredEnvironment.Applied applied) {
        try {
            if (seed.seed(applied)) {
                LOG.info("{}={} sets '{}' in {} from its first start", applied.variable(), applied.value(),
                        applied.key(), applied.pid());
            }
        } catch (Exception e) {
            logOnce("seed:" + applied.pid(), () -> LOG.warn("Cannot create configuration {} for {}: {}; "
                    + "it applies once etc/{}.cfg is read", applied.pid(), applied.variable(), e.toString(),
                    applied.pid()));
        }
    }

    @Deactivate
    void deactivate() {
        bundles.close();
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        String pid = effectivePid(properties);
        if (pid == null || !pid.startsWith(PID_PREFIX)) {
            return;
        }
        AttributeDefinition[] definitions = lookup.find(pid)
                .map(ocd -> ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).orElse(null);
        if (definitions != null) {
            for (FormerDurationKeys.Renamed renamed : FormerDurationKeys.apply(pid, definitions, properties)) {
                logOnce("renamed:" + pid + "/" + renamed.oldKey(), () -> LOG.warn(renamed.describe()));
            }
        }
        for (DeclaredEnvironment.Applied applied : environment.apply(pid, properties)) {
            logOnce("env:" + applied, () -> LOG.info("{}={} sets '{}' in {}", applied.variable(), applied.value(),
                    applied.key(), applied.pid()));
        }
        if (definitions != null) {
            for (AttributeChecker.Rejection rejection : checker.check(pid, definitions, properties)) {
                logOnce("bad:" + rejection.pid() + "/" + rejection.key() + "=" + rejection.value(),
                        () -> LOG.warn(rejection.describe()));
            }
        }
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
