package io.visionpipeline.cpu.tfjs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionpipeline.core.model.ConvertedSource;
import io.visionpipeline.core.model.ModelCatalog;
import io.visionpipeline.core.model.ModelSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the parity test inputs (every {@link TfjsModel} fed every test image) as little-endian
 * files plus {@code inputs.json}, which names each model's TF.js files as the catalog sources them,
 * for {@code scripts/tfjs-reference/reference.js} to run through TF.js. Run by
 * {@code scripts/tfjs-reference/make-references.sh}.
 */
public final class TfjsReferenceInputs {
    private TfjsReferenceInputs() {
    }

    /**
     * @param args the folder to write into
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        ModelCatalog catalog = ModelCatalog.fromClasspath();
        ObjectMapper json = new ObjectMapper();
        ArrayNode cases = json.createArrayNode();
        for (TfjsModel model : TfjsModel.values()) {
            ModelSource source = catalog.find(model.id).orElseThrow().file(model.onnxFile()).sources().get(0);
            String tfjsModel = ((ConvertedSource) source).inputs().get(0).sources().get(0).text();
            for (String image : TfjsModel.IMAGES) {
                TfjsModel.Input input = model.input(image);
                String file = model.id + "--" + image + ".bin";
                Files.write(dir.resolve(file), input.bytes());
                ObjectNode c = cases.addObject();
                c.put("model", model.id).put("tfjsModel", tfjsModel).put("image", image).put("file", file)
                        .put("dtype", input.dtype()).put("sha256", input.sha256());
                ArrayNode shape = c.putArray("shape");
                for (long d : input.shape()) {
                    shape.add(d);
                }
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("inputs.json").toFile(), cases);
        System.out.println("Wrote " + cases.size() + " inputs to " + dir);
    }
}
