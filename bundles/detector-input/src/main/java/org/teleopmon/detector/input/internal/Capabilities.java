package org.teleopmon.detector.input.internal;

/**
 * An input device's capability bitmaps from sysfs ({@code device/capabilities/{ev,key,abs,rel}} and
 * {@code device/properties}).
 */
record Capabilities(Bitmap ev, Bitmap key, Bitmap abs, Bitmap rel, Bitmap props) {

    /** KEY_A..KEY_Z. */
    static final int[] LETTERS = {30, 48, 46, 32, 18, 33, 34, 35, 23, 36, 37, 38, 50, 49, 24, 25, 16, 19, 31, 20, 22,
        47, 17, 45, 21, 44};

    static final Capabilities NONE = new Capabilities(Bitmap.EMPTY, Bitmap.EMPTY, Bitmap.EMPTY, Bitmap.EMPTY,
            Bitmap.EMPTY);
}
