package org.teleopmon.ledger.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Where a page ended: the start and id of its last session, opaque to clients (base64url). */
record Cursor(long startedMs, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((startedMs + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code text} is not a cursor this ledger wrote */
    static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a cursor of this ledger: \"" + clip(text) + "\"; pass the "
                    + "next_cursor of the previous page");
        }
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
