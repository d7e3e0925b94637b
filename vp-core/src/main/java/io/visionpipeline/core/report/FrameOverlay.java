package io.visionpipeline.core.report;

import io.visionpipeline.face.Face;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.pose.BodyPart;
import io.visionpipeline.pose.Keypoint;
import io.visionpipeline.pose.Pose;
import io.visionpipeline.report.FrameResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One frame's findings as an SVG layer in frame pixels ({@code viewBox="0 0 width height"}), laid
 * over the frame's thumbnail so that boxes land on the right pixels at any display size. Strokes keep
 * their screen width ({@code vector-effect: non-scaling-stroke}).
 */
final class FrameOverlay {
    /** Colour of face boxes and landmarks. */
    static final String FACE_COLOUR = "#00ff00";
    /** Colour of pose skeletons and keypoints. */
    static final String POSE_COLOUR = "#00ffff";
    /** Colour of OCR polygons and their text. */
    static final String TEXT_COLOUR = "#ffd400";
    /** Keypoints less sure than this are not drawn (MoveNet's own demo threshold). */
    static final double MIN_KEYPOINT_SCORE = 0.3;

    /** The COCO skeleton: which keypoints are joined by a line. */
    static final List<BodyPart[]> SKELETON = List.of(
            pair(BodyPart.LEFT_EAR, BodyPart.LEFT_EYE), pair(BodyPart.LEFT_EYE, BodyPart.NOSE),
            pair(BodyPart.NOSE, BodyPart.RIGHT_EYE), pair(BodyPart.RIGHT_EYE, BodyPart.RIGHT_EAR),
            pair(BodyPart.LEFT_SHOULDER, BodyPart.RIGHT_SHOULDER),
            pair(BodyPart.LEFT_SHOULDER, BodyPart.LEFT_ELBOW), pair(BodyPart.LEFT_ELBOW, BodyPart.LEFT_WRIST),
            pair(BodyPart.RIGHT_SHOULDER, BodyPart.RIGHT_ELBOW), pair(BodyPart.RIGHT_ELBOW, BodyPart.RIGHT_WRIST),
            pair(BodyPart.LEFT_SHOULDER, BodyPart.LEFT_HIP), pair(BodyPart.RIGHT_SHOULDER, BodyPart.RIGHT_HIP),
            pair(BodyPart.LEFT_HIP, BodyPart.RIGHT_HIP),
            pair(BodyPart.LEFT_HIP, BodyPart.LEFT_KNEE), pair(BodyPart.LEFT_KNEE, BodyPart.LEFT_ANKLE),
            pair(BodyPart.RIGHT_HIP, BodyPart.RIGHT_KNEE), pair(BodyPart.RIGHT_KNEE, BodyPart.RIGHT_ANKLE));

    private FrameOverlay() {
    }

    /**
     * @param frame  the frame's results
     * @param width  the frame's width in pixels
     * @param height the frame's height in pixels
     * @param labels identity id → label, for the faces' labels
     * @return an {@code <svg>} element drawing faces, poses and text of the frame
     */
    static String svg(FrameResult frame, int width, int height, Map<String, String> labels) {
        StringBuilder svg = new StringBuilder(512);
        svg.append("<svg class=\"overlay\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\">");
        double fontSize = Math.max(10, height / 28.0);
        for (Pose pose : frame.poses()) {
            pose(svg, pose, Math.max(2, width / 200.0));
        }
        for (Face face : frame.faces()) {
            face(svg, face, fontSize, labels);
        }
        for (TextBlock block : frame.text()) {
            text(svg, block, fontSize);
        }
        return svg.append("</svg>").toString();
    }

    private static void face(StringBuilder svg, Face face, double fontSize, Map<String, String> labels) {
        BoundingBox b = face.box();
        svg.append("<g class=\"face\"><rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y()))
                .append("\" width=\"").append(n(b.width())).append("\" height=\"").append(n(b.height()))
                .append("\" fill=\"none\" stroke=\"").append(FACE_COLOUR).append("\" stroke-width=\"3\" vector-effect=\"non-scaling-stroke\"/>");
        for (Point p : face.landmarks().asList()) {
            svg.append("<circle cx=\"").append(n(p.x())).append("\" cy=\"").append(n(p.y())).append("\" r=\"")
                    .append(n(Math.max(1.5, b.width() / 40))).append("\" fill=\"").append(FACE_COLOUR).append("\"/>");
        }
        svg.append("<text x=\"").append(n(b.x())).append("\" y=\"").append(n(Math.max(fontSize, b.y() - fontSize / 4)))
                .append("\" font-size=\"").append(n(fontSize)).append("\" fill=\"").append(FACE_COLOUR).append("\">")
                .append(HtmlReport.escape(HtmlReport.faceLabel(face, labels))).append("</text></g>");
    }

    private static void pose(StringBuilder svg, Pose pose, double radius) {
        svg.append("<g class=\"pose\" stroke=\"").append(POSE_COLOUR).append("\" stroke-width=\"3\" fill=\"")
                .append(POSE_COLOUR).append("\">");
        for (BodyPart[] bone : SKELETON) {
            Keypoint a = pose.keypoint(bone[0]);
            Keypoint b = pose.keypoint(bone[1]);
            if (a.score() >= MIN_KEYPOINT_SCORE && b.score() >= MIN_KEYPOINT_SCORE) {
                svg.append("<line x1=\"").append(n(a.point().x())).append("\" y1=\"").append(n(a.point().y()))
                        .append("\" x2=\"").append(n(b.point().x())).append("\" y2=\"").append(n(b.point().y()))
                        .append("\" vector-effect=\"non-scaling-stroke\"/>");
            }
        }
        for (Keypoint k : pose.keypoints()) {
            if (k.score() >= MIN_KEYPOINT_SCORE) {
                svg.append("<circle cx=\"").append(n(k.point().x())).append("\" cy=\"").append(n(k.point().y()))
                        .append("\" r=\"").append(n(radius)).append("\"><title>").append(k.part().cocoName())
                        .append("</title></circle>");
            }
        }
        svg.append("</g>");
    }

    private static void text(StringBuilder svg, TextBlock block, double fontSize) {
        String points = block.polygon().points().stream().map(p -> n(p.x()) + "," + n(p.y())).collect(Collectors.joining(" "));
        BoundingBox b = block.polygon().bounds();
        svg.append("<g class=\"ocr\"><polygon points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(TEXT_COLOUR)
                .append("\" stroke-width=\"2\" vector-effect=\"non-scaling-stroke\"/><text x=\"").append(n(b.x()))
                .append("\" y=\"").append(n(b.maxY() + fontSize)).append("\" font-size=\"").append(n(fontSize))
                .append("\" fill=\"").append(TEXT_COLOUR).append("\">").append(HtmlReport.escape(block.text()))
                .append("</text></g>");
    }

    private static BodyPart[] pair(BodyPart a, BodyPart b) {
        return new BodyPart[] {a, b};
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
