package org.teleopmon.api;

/** How urgent an alert is. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
