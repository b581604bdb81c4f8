/**
 * Teleop Monitor's shared memory, readable from any JVM without OSGi: the state region
 * ({@link org.teleopmon.shm.reader.SharedMemoryManager}, {@link org.teleopmon.shm.reader.StateReader}) and the
 * telemetry ring ({@link org.teleopmon.shm.reader.RingReader}). The writers live here too so that both ends
 * share one definition of the layout ({@link org.teleopmon.shm.reader.StateLayout},
 * {@link org.teleopmon.shm.reader.RingLayout}); {@code docs/shm.md} describes it byte by byte.
 */
@Export
@Version("1.1.0")
package org.teleopmon.shm.reader;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
