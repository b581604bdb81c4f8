/**
 * The one JSON form of the API records, written by Jackson: every HTTP answer, WebSocket message,
 * shared-memory ring record and {@code --json} shell output goes through {@link org.teleopmon.wire.Wire}.
 * The shapes are documented, with an example each, in {@code docs/wire.md}.
 */
@Export
@Version("1.2.0")
package org.teleopmon.wire;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
