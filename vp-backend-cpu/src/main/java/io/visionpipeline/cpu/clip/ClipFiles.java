package io.visionpipeline.cpu.clip;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.model.ModelUnavailableException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a CLIP model's files are: a standard Hugging Face ONNX export in a folder, or the same
 * files downloaded from a Hugging Face repository when downloads are allowed.
 *
 * <p>Layouts read (in the folder itself or its {@code onnx/} subfolder): separate towers
 * {@code vision_model.onnx} + {@code text_model.onnx} (Transformers.js / Optimum exports), or one
 * {@code model.onnx} with both; the tokenizer's {@code vocab.json} + {@code merges.txt}, else
 * OpenAI's {@code bpe_simple_vocab_16e6.txt}, else the model store's copy of OpenAI's merges
 * ({@code clip-bpe-vocab}); {@code preprocessor_config.json} when present.
 *
 * @param name               a name for the weights, used in embeddings' model names
 * @param vision             the image tower, or null with a combined model
 * @param text               the text tower, or null with a combined model
 * @param combined           the combined model, or null with separate towers
 * @param vocab              {@code vocab.json}, or null
 * @param merges             {@code merges.txt} or OpenAI's merges file, or null for the model store's
 * @param preprocessorConfig {@code preprocessor_config.json}, or null for CLIP's defaults
 */
public record ClipFiles(String name, Path vision, Path text, Path combined, Path vocab, Path merges, Path preprocessorConfig) {
    /** The default weights: OpenAI's ViT-B/32, as exported to ONNX for Transformers.js. */
    public static final String DEFAULT_REPOSITORY = "Xenova/clip-vit-base-patch32";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final String[] DOWNLOADED = {"onnx/vision_model.onnx", "onnx/text_model.onnx", "vocab.json", "merges.txt",
        "preprocessor_config.json"};

    /**
     * @param model a folder holding an export, or a Hugging Face repository id such as {@value #DEFAULT_REPOSITORY}
     * @param store where downloads go, and whether they are allowed
     * @return the files
     * @throws ModelUnavailableException saying what to do when neither can be had
     */
    public static ClipFiles resolve(String model, ModelStore store) {
        Path folder = Path.of(model);
        if (Files.isDirectory(folder)) {
            return inFolder(folder);
        }
        if (!REPOSITORY.matcher(model).matches()) {
            throw new ModelUnavailableException("clip", "CLIP model '" + model + "' is neither a folder nor a Hugging Face "
                    + "repository id (owner/name): pass the folder of an ONNX export with --clip-model <dir>");
        }
        if (!store.allowsDownloads()) {
            throw new ModelUnavailableException("clip", "No CLIP model is configured and downloads are off. No CLIP weights "
                    + "ship with VisionPipeline: put an ONNX export (vision_model.onnx, text_model.onnx, vocab.json, merges.txt) "
                    + "in a folder and pass it with --clip-model <dir> (stage option model=<dir>), or allow downloads "
                    + "(--allow-downloads) to fetch " + String.join(", ", DOWNLOADED) + " from https://huggingface.co/" + model);
        }
        Path[] files = new Path[DOWNLOADED.length];
        for (int i = 0; i < files.length; i++) {
            URI uri = URI.create("https://huggingface.co/" + model + "/resolve/main/" + DOWNLOADED[i]);
            files[i] = store.download("clip " + model, uri, model.replace('/', '-') + "-" + DOWNLOADED[i].replace('/', '-'));
        }
        return new ClipFiles(model, files[0], files[1], null, files[2], files[3], files[4]);
    }

    /**
     * @param folder a folder holding a Hugging Face ONNX export of CLIP
     * @return its files
     * @throws ModelUnavailableException naming the folder and the files looked for when no model is in it
     */
    public static ClipFiles inFolder(Path folder) {
        Path vision = find(folder, "vision_model.onnx");
        Path text = find(folder, "text_model.onnx");
        Path combined = find(folder, "model.onnx");
        if ((vision == null || text == null) && combined == null) {
            throw new ModelUnavailableException("clip", "No CLIP ONNX model in " + folder + ": expected vision_model.onnx and "
                    + "text_model.onnx, or model.onnx (in the folder or its onnx/ subfolder), as Hugging Face's ONNX exports lay them out");
        }
        boolean separate = vision != null && text != null;
        Path vocab = find(folder, "vocab.json");
        Path merges = find(folder, "merges.txt");
        if (vocab == null || merges == null) {
            vocab = null;
            merges = find(folder, "bpe_simple_vocab_16e6.txt");
        }
        return new ClipFiles(folder.getFileName() == null ? folder.toString() : folder.getFileName().toString(),
                separate ? vision : null, separate ? text : null, separate ? null : combined, vocab, merges,
                find(folder, "preprocessor_config.json"));
    }

    private static Path find(Path folder, String name) {
        for (Path candidate : new Path[] {folder.resolve(name), folder.resolve("onnx").resolve(name)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
