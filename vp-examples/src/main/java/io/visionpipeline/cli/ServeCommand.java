package io.visionpipeline.cli;

import io.visionpipeline.core.llm.ChatCompletionsServer;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModels;
import io.visionpipeline.stage.StageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vp serve}: an OpenAI-compatible chat endpoint over a local GGUF model. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a GGUF model over the OpenAI chat-completions API (POST /v1/chat/completions, GET /v1/models)",
                "until stopped (Ctrl-C). Prints the base URL to give to OpenAI clients or to vp ask --llm."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "<gguf>", description = "The GGUF model file (or https:// link with --allow-downloads).")
    private String model;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "<address>", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "<port>", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "<n>", description = "Generation threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--allow-downloads", description = "Let a GGUF given as an https:// link be downloaded into the model cache.")
    private boolean allowDownloads;

    @Override
    public Integer call() throws InterruptedException {
        StageOptions options = StageOptions.of("threads", Integer.toString(threads),
                ModelStore.ALLOW_DOWNLOADS_OPTION, Boolean.toString(allowDownloads));
        CountDownLatch stopped = new CountDownLatch(1);
        try (LanguageModel llm = LanguageModels.open(model, options);
             ChatCompletionsServer server = ChatCompletionsServer.start(llm, new InetSocketAddress(host, port))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "vp-serve-shutdown"));
            System.out.println("serving " + llm.name() + " at " + server.baseUrl());
            System.out.flush();
            stopped.await();
        }
        return 0;
    }
}
