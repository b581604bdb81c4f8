package org.teleopmon.detector.input.internal;

import java.util.Arrays;

/**
 * A capability bitmap as the kernel prints it in {@code /sys/class/input/eventN/device/capabilities/*}
 * (and {@code /proc/bus/input/devices}): hexadecimal words, most significant first, separated by
 * spaces, leading zero words left out, {@code 0} when empty. A word is an {@code unsigned long} of
 * the reading process: 64 bits for a 64-bit JVM, 32 bits for a 32-bit one (also on a 64-bit kernel,
 * which prints compat words for 32-bit readers). Immutable.
 */
final class Bitmap {

    static final Bitmap EMPTY = new Bitmap(new long[0]);

    /** Bit i of the map is bit (i % 64) of bits[i / 64]. */
    private final long[] bits;

    private Bitmap(long[] bits) {
        this.bits = bits;
    }

    /** The bitmap for these bits. */
    static Bitmap of(int... set) {
        int max = Arrays.stream(set).max().orElse(-1);
        long[] bits = new long[max / 64 + 1];
        for (int bit : set) {
            bits[bit >> 6] |= 1L << (bit & 63);
        }
        return new Bitmap(bits);
    }

    /**
     * Parses the kernel's text with words of {@code wordBits} (32 or 64). A word longer than 8 hex
     * digits can only come from 64-bit words, whatever {@code wordBits} says.
     *
     * @throws IllegalArgumentException when the text is not a bitmap
     */
    static Bitmap parse(String text, int wordBits) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty capability bitmap");
        }
        String[] words = trimmed.split("\\s+");
        int width = wordBits;
        for (String word : words) {
            if (word.length() > 16 || !word.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("not a capability word: '" + abbreviate(word) + "'");
            }
            if (word.length() > 8) {
                width = 64;
            }
        }
        if (width != 32 && width != 64) {
            throw new IllegalArgumentException("word width must be 32 or 64, was " + width);
        }
        long[] bits = new long[(words.length * width + 63) / 64];
        for (int i = 0; i < words.length; i++) {
            long word = Long.parseUnsignedLong(words[words.length - 1 - i], 16);
            long bitOffset = (long) i * width;
            bits[(int) (bitOffset >> 6)] |= word << (bitOffset & 63);
        }
        return new Bitmap(bits);
    }

    boolean has(int bit) {
        int word = bit >> 6;
        return bit >= 0 && word < bits.length && (bits[word] & (1L << (bit & 63))) != 0;
    }

    /** Whether any bit in {@code [from, to]} is set. */
    boolean any(int from, int to) {
        for (int bit = from; bit <= to; bit++) {
            if (has(bit)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every bit of {@code set} is set. */
    boolean all(int... set) {
        for (int bit : set) {
            if (!has(bit)) {
                return false;
            }
        }
        return true;
    }

    /** The set bits, lowest first. */
    int[] bits() {
        return java.util.stream.IntStream.range(0, bits.length * 64).filter(this::has).toArray();
    }

    /** The kernel's text for this bitmap with words of {@code wordBits}: the inverse of {@link #parse}. */
    String format(int wordBits) {
        int words = (bits.length * 64 + wordBits - 1) / wordBits;
        StringBuilder text = new StringBuilder();
        for (int i = words - 1; i >= 0; i--) {
            long word = wordBits == 64 ? bits[i] : (bits[i >> 1] >>> ((i & 1) * 32)) & 0xffffffffL;
            if (text.length() == 0 && word == 0) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(Long.toHexString(word));
        }
        return text.length() == 0 ? "0" : text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bitmap b && Arrays.equals(trimmed(), b.trimmed());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(trimmed());
    }

    @Override
    public String toString() {
        return format(64);
    }

    private long[] trimmed() {
        int n = bits.length;
        while (n > 0 && bits[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(bits, n);
    }

    private static String abbreviate(String word) {
        return word.length() > 20 ? word.substring(0, 20) + "…" : word;
    }
}
