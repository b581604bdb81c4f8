/**
 * The usage ledger: every teleoperation session kept durably, with its operators, quality and alerts,
 * and totals over them. The ledger bundle provides {@link org.teleopmon.api.usage.UsageLedger}; the
 * HTTP layer and the shell read it when it is present and fall back to the engine's recent sessions
 * ({@link org.teleopmon.api.TeleopMonitor#getSessions()}) when it is not.
 */
@Export
@Version("1.0.0")
package org.teleopmon.api.usage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
