package io.visionpipeline.core.vision;

import java.util.ArrayList;
import java.util.List;

/**
 * Anchor centres of MediaPipe's SSD anchor generator ({@code SsdAnchorsCalculator}) with fixed
 * anchor size, one aspect ratio plus the interpolated scale, and offset 0.5 — the configuration of
 * BlazeFace and BlazePose. Consecutive layers with the same stride share one feature map, so their
 * anchors are stacked per cell. Order: layer group, row, column, anchor — the order the model's
 * outputs use.
 *
 * <pre>{@code
 * float[] centres = SsdAnchors.centres(128, new int[] {8, 16, 16, 16}); // BlazeFace short range: 896 anchors
 * }</pre>
 */
public final class SsdAnchors {
    private static final int ANCHORS_PER_LAYER = 2;

    private SsdAnchors() {
    }

    /**
     * @param inputSize model input size (square)
     * @param strides   stride of each layer
     * @return anchor centres, interleaved x/y, normalised to [0, 1]
     */
    public static float[] centres(int inputSize, int[] strides) {
        List<float[]> anchors = new ArrayList<>();
        int layer = 0;
        while (layer < strides.length) {
            int stride = strides[layer];
            int perCell = 0;
            while (layer < strides.length && strides[layer] == stride) {
                perCell += ANCHORS_PER_LAYER;
                layer++;
            }
            int cells = (int) Math.ceil(inputSize / (double) stride);
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < perCell; a++) {
                        anchors.add(new float[] {(x + 0.5f) / cells, (y + 0.5f) / cells});
                    }
                }
            }
        }
        float[] out = new float[anchors.size() * 2];
        for (int i = 0; i < anchors.size(); i++) {
            out[2 * i] = anchors.get(i)[0];
            out[2 * i + 1] = anchors.get(i)[1];
        }
        return out;
    }
}
