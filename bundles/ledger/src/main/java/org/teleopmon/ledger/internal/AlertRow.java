package org.teleopmon.ledger.internal;

import org.teleopmon.api.Alert;

/** An alert transition, and the session running when it happened ({@code null}: none). */
record AlertRow(String sessionId, Alert alert) {
}
