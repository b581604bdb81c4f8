package org.teleopmon.detector.input.internal;

/** Pads known by their USB / Bluetooth vendor and product ids. */
enum Family {
    XBOX("Xbox"),
    JOYCON_L("Joy-Con (L)"),
    JOYCON_R("Joy-Con (R)"),
    NINTENDO("Nintendo"),
    PLAYSTATION("PlayStation"),
    EIGHTBITDO("8BitDo"),
    NONE("");

    static final int MICROSOFT = 0x045e;
    static final int NINTENDO_VENDOR = 0x057e;
    static final int SONY = 0x054c;
    static final int EIGHTBITDO_VENDOR = 0x2dc8;
    static final int JOYCON_L_PRODUCT = 0x2006;
    static final int JOYCON_R_PRODUCT = 0x2007;

    private final String label;

    Family(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean joyCon() {
        return this == JOYCON_L || this == JOYCON_R;
    }

    static Family of(int vendor, int product) {
        return switch (vendor) {
            case MICROSOFT -> XBOX;
            case NINTENDO_VENDOR -> product == JOYCON_L_PRODUCT ? JOYCON_L
                    : product == JOYCON_R_PRODUCT ? JOYCON_R : NINTENDO;
            case SONY -> PLAYSTATION;
            case EIGHTBITDO_VENDOR -> EIGHTBITDO;
            default -> NONE;
        };
    }
}
