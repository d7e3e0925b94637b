package io.visionpipeline.cli;

import io.visionpipeline.core.library.AskOptions;
import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.library.Answer;
import io.visionpipeline.library.Citation;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModels;
import io.visionpipeline.stage.StageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vp ask}: answer a question from a library with a language model, citing media and times. */
@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Answer a question from a library with a language model; the answer cites [n] excerpts,",
                "listed below it with media and time. Citations that match no excerpt are dropped."})
final class AskCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<question>", description = "The question.")
    private String question;

    @Mixin
    private LibraryOptions library;

    @Option(names = "--llm", required = true, paramLabel = "<url|gguf>",
            description = "An OpenAI-compatible base URL (http://localhost:11434/v1 for Ollama; key from VP_LLM_API_KEY or OPENAI_API_KEY) "
                    + "or a .gguf file (or https:// link to one, with --allow-downloads) run in-process by llama.cpp.")
    private String llm;

    @Option(names = "--llm-model", paramLabel = "<name>", description = "Model name for a server (default: the first it lists).")
    private String llmModel;

    @Option(names = {"-k", "--excerpts"}, defaultValue = "8", paramLabel = "<n>", description = "Excerpts given to the model (default: ${DEFAULT-VALUE}).")
    private int excerpts;

    @Option(names = "--max-tokens", defaultValue = "400", paramLabel = "<n>", description = "Longest answer (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--allow-downloads", description = "Let a GGUF given as an https:// link be downloaded into the model cache.")
    private boolean allowDownloads;

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        if (llmModel != null) {
            options.put("model", llmModel);
        }
        if (allowDownloads) {
            options.put(ModelStore.ALLOW_DOWNLOADS_OPTION, "true");
        }
        try (MediaLibrary lib = library.open(true); LanguageModel model = LanguageModels.open(llm, StageOptions.of(options))) {
            Answer answer = lib.ask(question, model, new AskOptions(excerpts, library.filter(), maxTokens));
            System.out.println(answer.text());
            if (!answer.citations().isEmpty()) {
                System.out.println();
            }
            for (Citation c : answer.citations()) {
                System.out.println("[" + c.number() + "] " + c.hit().media() + " @ " + c.hit().time() + " (" + c.hit().kind() + "): " + c.hit().snippet());
            }
            if (answer.droppedCitations() > 0) {
                System.err.println("vp: dropped " + answer.droppedCitations() + " citation(s) that matched no excerpt");
            }
        }
        return 0;
    }
}
