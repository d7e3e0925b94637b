package io.visionpipeline.cpu.llm;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import de.kherud.llama.args.LogFormat;
import io.visionpipeline.cpu.natives.OpenMp;
import io.visionpipeline.llm.ChatMessage;
import io.visionpipeline.llm.ChatRequest;
import io.visionpipeline.llm.ChatResponse;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModelException;
import io.visionpipeline.model.ModelUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A GGUF model run in-process by llama.cpp (java-llama.cpp, natives from its jar). Messages go
 * through the model's own chat template (ChatML when the file has none); greedy when the request's
 * temperature is 0. Native memory is released by {@link #close()}.
 *
 * <pre>{@code
 * try (LlamaCppModel llm = LlamaCppModel.open(Path.of("qwen2.5-0.5b-instruct-q4_k_m.gguf"), LlamaCppModel.Options.DEFAULT)) {
 *     System.out.println(llm.chat(ChatRequest.of(ChatMessage.user("Say hi"))).text());
 * }
 * }</pre>
 */
public final class LlamaCppModel implements LanguageModel {
    private static final Logger LOG = LoggerFactory.getLogger(LlamaCppModel.class);
    private static final Logger NATIVE_LOG = LoggerFactory.getLogger("llama.cpp");

    static {
        // llama.cpp links OpenMP: the process-wide thread limit must be set before it loads
        // (otherwise a later Tesseract or whisper.cpp in the same JVM runs with OpenMP's default)
        OpenMp.limitBeforeLoading();
        loadNativeLibrary();
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
            if (level == LogLevel.ERROR) {
                NATIVE_LOG.warn("{}", message.strip());
            } else {
                NATIVE_LOG.debug("{}", message.strip());
            }
        });
    }

    /**
     * java-llama.cpp extracts its native library into a temp folder, first deleting every
     * {@code llama*} file there, and announces it on stdout. A folder of this process's own keeps
     * two processes from deleting each other's library mid-load, and the announcement goes to the
     * log, not into a CLI's output.
     */
    private static void loadNativeLibrary() {
        if (System.getProperty("de.kherud.llama.tmpdir") == null) {
            try {
                Path dir = Files.createTempDirectory("visionpipeline-llama-");
                dir.toFile().deleteOnExit();
                dir.resolve("libjllama.so").toFile().deleteOnExit();
                System.setProperty("de.kherud.llama.tmpdir", dir.toString());
            } catch (java.io.IOException e) {
                LOG.warn("Cannot make a private folder for llama.cpp's native library; it uses the temp folder: {}", e.toString());
            }
        }
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Class.forName(LlamaModel.class.getName(), true, LlamaCppModel.class.getClassLoader()); // its initialiser loads the library
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("java-llama.cpp is not on the class path", e);
        } finally {
            System.setOut(stdout);
            LOG.debug("llama.cpp native library: {}", captured.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * Loading settings.
     *
     * @param contextSize tokens of context (prompt + answer)
     * @param threads     CPU threads for generation
     * @param seed        sampling seed (used when the temperature is above 0)
     */
    public record Options(int contextSize, int threads, long seed) {
        /** 4096 tokens of context, two threads, seed 42. */
        public static final Options DEFAULT = new Options(4096, 2, 42);

        /** Validates the settings. */
        public Options {
            if (contextSize < 64 || threads < 1) {
                throw new IllegalArgumentException("contextSize must be >= 64 and threads >= 1: " + contextSize + ", " + threads);
            }
        }
    }

    private final String name;
    private final LlamaModel model;
    private final Options options;

    private LlamaCppModel(String name, LlamaModel model, Options options) {
        this.name = name;
        this.model = model;
        this.options = options;
    }

    /**
     * @param gguf    a GGUF model file
     * @param options loading settings
     * @return the model; close it
     * @throws ModelUnavailableException naming the file when it is missing or llama.cpp cannot load it
     */
    public static LlamaCppModel open(Path gguf, Options options) {
        String name = gguf.getFileName().toString();
        if (!Files.isRegularFile(gguf)) {
            throw new ModelUnavailableException(name, "GGUF model " + gguf + " does not exist");
        }
        try {
            LlamaModel model = new LlamaModel(new ModelParameters().setModel(gguf.toString())
                    .setCtxSize(options.contextSize()).setThreads(options.threads()).setGpuLayers(0).setSeed(options.seed()));
            LOG.info("Loaded GGUF model {} (context {} tokens, {} threads)", gguf, options.contextSize(), options.threads());
            return new LlamaCppModel(name, model, options);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ModelUnavailableException(name, "llama.cpp cannot load " + gguf + ": " + e.getMessage()
                    + " (is it a complete GGUF file?)", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return stream(request, piece -> { });
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> tokens) {
        StringBuilder text = new StringBuilder();
        int pieces = 0;
        try {
            for (LlamaOutput out : model.generate(parameters(request))) {
                if (!out.text.isEmpty()) {
                    text.append(out.text);
                    tokens.accept(out.text);
                    pieces++;
                }
            }
        } catch (RuntimeException e) {
            // java-llama.cpp's LlamaException is package-private: catch what it extends
            throw new LanguageModelException("Generation with " + name + " failed: " + e.getMessage(), e);
        }
        return new ChatResponse(text.toString().strip(), name, pieces >= request.maxTokens() ? "length" : "stop");
    }

    private InferenceParameters parameters(ChatRequest request) {
        String system = "";
        List<Pair<String, String>> messages = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            if (m.role() == ChatMessage.Role.SYSTEM) {
                system = system.isEmpty() ? m.content() : system + "\n" + m.content();
            } else {
                messages.add(new Pair<>(m.role().wireName(), m.content()));
            }
        }
        InferenceParameters p = new InferenceParameters("").setMessages(system, messages).setUseChatTemplate(true)
                .setNPredict(request.maxTokens()).setTemperature((float) request.temperature()).setSeed((int) options.seed());
        String prompt = model.applyTemplate(p);
        return new InferenceParameters(prompt).setNPredict(request.maxTokens())
                .setTemperature((float) request.temperature()).setSeed((int) options.seed());
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "LlamaCppModel[" + name + ", " + options + "]";
    }
}
