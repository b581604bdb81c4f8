package org.teleopmon.config.internal;

import java.util.Arrays;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Finds the metatype definition of a PID in whichever bundle declares it. */
final class MetaTypeLookup {

    private final BundleContext context;
    private final MetaTypeService metaType;

    MetaTypeLookup(BundleContext context, MetaTypeService metaType) {
        this.context = context;
        this.metaType = metaType;
    }

    /** Configuration updates are rare, so scanning the bundles each time is cheap enough. */
    Optional<ObjectClassDefinition> find(String pid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            if (contains(info.getPids(), pid) || contains(info.getFactoryPids(), pid)) {
                return Optional.ofNullable(info.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }

    private static boolean contains(String[] pids, String pid) {
        return pids != null && Arrays.asList(pids).contains(pid);
    }
}
