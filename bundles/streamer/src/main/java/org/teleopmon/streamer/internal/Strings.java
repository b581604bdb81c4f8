package org.teleopmon.streamer.internal;

final class Strings {

    private Strings() {
    }

    /** At most {@code max} characters of untrusted text, for error messages and logs. */
    static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
    }
}
