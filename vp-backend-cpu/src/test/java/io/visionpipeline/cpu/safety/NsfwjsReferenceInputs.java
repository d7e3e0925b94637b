package io.visionpipeline.cpu.safety;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.visionpipeline.media.ImageFrame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the nsfwjs reference inputs ({@link NsfwjsReferenceImages}: each picture's RGB bytes and
 * its letterboxed 224×224 input) plus {@code inputs.json}, for
 * {@code scripts/tfjs-reference/nsfwjs-reference.js} to classify with nsfwjs itself. Run by
 * {@code scripts/tfjs-reference/make-references.sh}.
 */
public final class NsfwjsReferenceInputs {
    private NsfwjsReferenceInputs() {
    }

    /**
     * @param args the folder to write into
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        ObjectMapper json = new ObjectMapper();
        ArrayNode cases = json.createArrayNode();
        for (Map.Entry<String, ImageFrame> e : NsfwjsReferenceImages.all().entrySet()) {
            ImageFrame frame = e.getValue();
            byte[] rgb = NsfwjsReferenceImages.rgb(frame);
            byte[] letterboxed = NsfwjsReferenceImages.letterboxed(frame);
            Files.write(dir.resolve(e.getKey() + ".rgb"), rgb);
            Files.write(dir.resolve(e.getKey() + ".letterbox.f32"), letterboxed);
            cases.addObject().put("image", e.getKey()).put("width", frame.width()).put("height", frame.height())
                    .put("rgb", e.getKey() + ".rgb").put("rgbSha256", NsfwjsReferenceImages.sha256(rgb))
                    .put("letterbox", e.getKey() + ".letterbox.f32").put("letterboxSha256", NsfwjsReferenceImages.sha256(letterboxed));
        }
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("inputs.json").toFile(), cases);
        System.out.println("Wrote " + cases.size() + " pictures to " + dir);
    }
}
