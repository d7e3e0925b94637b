package io.visionpipeline.cli;

import io.visionpipeline.examples.AnalyzeFile;
import io.visionpipeline.examples.AskQuestion;
import io.visionpipeline.examples.BurstToVastAi;
import io.visionpipeline.examples.DistributeOverRedis;
import io.visionpipeline.examples.IndexAndSearch;
import io.visionpipeline.examples.ModerateUploads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code vp example <name> [args]}: runs one of the example programs (sources in vp-examples/src/main/java/io/visionpipeline/examples). */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Run an example program: analyze-file, moderate-uploads, index-and-search, ask-question,",
                "distribute-over-redis, burst-to-vast-ai (docs/examples.md). The server example has its own module."})
final class ExampleCommand implements Callable<Integer> {
    /** The examples by name, in the order docs/examples.md shows them. */
    static final Map<String, Consumer<String[]>> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("analyze-file", AnalyzeFile::main);
        EXAMPLES.put("moderate-uploads", ModerateUploads::main);
        EXAMPLES.put("index-and-search", IndexAndSearch::main);
        EXAMPLES.put("ask-question", AskQuestion::main);
        EXAMPLES.put("distribute-over-redis", DistributeOverRedis::main);
        EXAMPLES.put("burst-to-vast-ai", BurstToVastAi::main);
    }

    @Parameters(index = "0", paramLabel = "<name>", description = "The example: ${COMPLETION-CANDIDATES}.", completionCandidates = Names.class)
    private String name;

    @Parameters(index = "1..*", paramLabel = "<arg>", description = "The example's arguments.")
    private List<String> args = List.of();

    @Override
    public Integer call() {
        Consumer<String[]> example = EXAMPLES.get(name);
        if (example == null) {
            System.err.println("vp: no example '" + name + "'; known: " + String.join(", ", EXAMPLES.keySet()));
            return VpCommand.FAILED;
        }
        example.accept(args.toArray(String[]::new));
        return 0;
    }

    /** The names for picocli's help. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EXAMPLES.keySet().iterator();
        }
    }
}
