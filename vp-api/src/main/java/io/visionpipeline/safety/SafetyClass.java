package io.visionpipeline.safety;

import java.util.Locale;

/**
 * The five content classes of the nsfwjs model (GantMan's NSFW model), in its output order. The
 * CLIP-based classifier scores the same classes.
 *
 * @since 0.1
 */
public enum SafetyClass {
    /** Safe drawings and illustrations, including anime. */
    DRAWING(false),
    /** Pornographic drawings (hentai). */
    HENTAI(true),
    /** Safe photographs. */
    NEUTRAL(false),
    /** Pornographic photographs. */
    PORN(true),
    /** Sexually explicit but not pornographic photographs (nipples, lingerie, suggestive poses). */
    SEXY(true);

    private final boolean unsafe;

    SafetyClass(boolean unsafe) {
        this.unsafe = unsafe;
    }

    /** @return whether this class counts toward {@link SafetyScore#unsafe()} */
    public boolean isUnsafe() {
        return unsafe;
    }

    /** @return the lower-case name, e.g. {@code neutral} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
