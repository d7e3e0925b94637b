package io.visionpipeline.core.decode;

/**
 * The rotation a video asks players to apply (phone videos store upright pictures sideways with a
 * display matrix). Frames are turned upright before any stage sees them, as the {@code ffmpeg}
 * command does with its default autorotation.
 */
enum DisplayRotation {
    NONE(0), CLOCKWISE_90(1), HALF_TURN(2), COUNTER_CLOCKWISE_90(3);

    private final int quarterTurns;

    DisplayRotation(int quarterTurns) {
        this.quarterTurns = quarterTurns;
    }

    /**
     * @param displayMatrixDegrees {@code av_display_rotation_get} of the stream's display matrix
     *                             (counter-clockwise degrees)
     * @return the clockwise turn that shows the picture upright, to the nearest quarter turn
     */
    static DisplayRotation ofDisplayMatrix(double displayMatrixDegrees) {
        if (!Double.isFinite(displayMatrixDegrees)) {
            return NONE;
        }
        long clockwise = Math.floorMod(-Math.round(displayMatrixDegrees / 90.0) * 90, 360);
        return values()[(int) (clockwise / 90)];
    }

    /** @return whether width and height swap */
    boolean swapsSides() {
        return quarterTurns % 2 == 1;
    }

    /**
     * @param rgb    packed RGB pixels
     * @param width  width
     * @param height height
     * @return the turned pixels (the same array when there is nothing to do)
     */
    byte[] apply(byte[] rgb, int width, int height) {
        if (this == NONE) {
            return rgb;
        }
        byte[] out = new byte[rgb.length];
        int outWidth = swapsSides() ? height : width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int tx;
                int ty;
                switch (this) {
                    case CLOCKWISE_90 -> {
                        tx = height - 1 - y;
                        ty = x;
                    }
                    case HALF_TURN -> {
                        tx = width - 1 - x;
                        ty = height - 1 - y;
                    }
                    default -> {
                        tx = y;
                        ty = width - 1 - x;
                    }
                }
                System.arraycopy(rgb, 3 * (y * width + x), out, 3 * (ty * outWidth + tx), 3);
            }
        }
        return out;
    }
}
