/**
 * The packet capture contract. The capture bundle owns the one libpcap handle; detectors register
 * {@link org.teleopmon.api.capture.PacketListener} services stating what they want to see, and
 * receive each matching packet once, already decoded to the transport layer.
 */
@Export
@Version("1.1.0")
package org.teleopmon.api.capture;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
