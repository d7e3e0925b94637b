package io.visionpipeline.core.model;

import io.visionpipeline.model.ModelUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelStoreTest {
    private static final String PAYLOAD_SHA = "966a726e325db327abd7c9d5c5dce3a606d4002423668b9d2816e08d4eb558bb";

    private static ModelDescriptor model(String id, String sha, String... sources) {
        return new ModelDescriptor(id, "test model", "MIT", "", List.of(
                new ModelFile("payload.bin", sha, 40, List.of(sources).stream().map(ModelSource::parse).toList())));
    }

    private static ModelStore store(Path cache, boolean downloads, ModelDescriptor... models) {
        return ModelStore.builder().cacheDir(cache).allowDownloads(downloads).catalog(ModelCatalog.of(List.of(models))).build();
    }

    @Test
    void copiesAClasspathModelIntoTheCacheAndVerifiesIt(@TempDir Path cache) throws IOException {
        ModelStore store = store(cache, false, model("payload", PAYLOAD_SHA, "classpath:models/payload.bin"));
        Path file = store.file("payload", "payload.bin");
        assertThat(file).isEqualTo(cache.resolve("payload").resolve("payload.bin"));
        assertThat(Files.readString(file)).isEqualTo("VisionPipeline model store test payload\n");
        assertThat(store.cached("payload")).containsEntry("payload.bin", true);
    }

    @Test
    void detectsACorruptedCachedFileAndFetchesItAgain(@TempDir Path cache) throws IOException {
        ModelStore store = store(cache, false, model("payload", PAYLOAD_SHA, "classpath:models/payload.bin"));
        Path file = store.file("payload", "payload.bin");
        Files.writeString(file, "corrupted");
        assertThat(store.cached("payload")).containsEntry("payload.bin", false);
        assertThat(Files.readString(store.file("payload", "payload.bin"))).isEqualTo("VisionPipeline model store test payload\n");
    }

    @Test
    void offlineWithAnEmptyCacheSaysWhichFileToPutWhere(@TempDir Path cache) {
        ModelStore store = store(cache, false, model("offline-model", PAYLOAD_SHA, "npm:some-package@1.0.0#package/payload.bin"));
        assertThatThrownBy(() -> store.file("offline-model", "payload.bin"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("'offline-model'")
                .hasMessageContaining("payload.bin")
                .hasMessageContaining("./vp models fetch offline-model")
                .hasMessageContaining(cache.resolve("offline-model").resolve("payload.bin").toString())
                .hasMessageContaining(PAYLOAD_SHA)
                .hasMessageContaining("npm:some-package@1.0.0#package/payload.bin");
    }

    @Test
    void rejectsASourceWhoseChecksumDoesNotMatch(@TempDir Path cache) {
        String wrong = "0".repeat(64);
        ModelStore store = store(cache, false, model("tampered", wrong, "classpath:models/payload.bin"));
        assertThatThrownBy(() -> store.file("tampered", "payload.bin"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("SHA-256 " + PAYLOAD_SHA + " instead of " + wrong);
        assertThat(cache.resolve("tampered").resolve("payload.bin")).doesNotExist();
    }

    @Test
    void readsAFileInsideAMavenArtifactJar(@TempDir Path cache) throws Exception {
        Path jar = Path.of(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String version = jar.getParent().getFileName().toString();
        String entry = "org/slf4j/Logger.class";
        String sha;
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            sha = HexFormat.of().formatHex(Sha256.newDigest().digest(in.readAllBytes()));
        }
        ModelStore store = store(cache, false, model("from-maven", sha, "maven:org.slf4j:slf4j-api:" + version + "#" + entry));
        assertThat(store.file("from-maven", "payload.bin")).exists();
    }

    @Test
    void concurrentResolutionsNeverCorruptTheCache(@TempDir Path cache) throws Exception {
        ModelDescriptor model = model("shared", PAYLOAD_SHA, "classpath:models/payload.bin");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ModelStore store = store(cache, false, model);
                results.add(pool.submit((Callable<Path>) () -> store.file("shared", "payload.bin")));
            }
            for (Future<Path> f : results) {
                assertThat(Sha256.of(f.get())).isEqualTo(PAYLOAD_SHA);
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(cache.resolve("shared"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("payload.bin", ".lock");
        }
    }

    @Test
    void aUserPathIsUsedAsIs(@TempDir Path cache, @TempDir Path mine) throws IOException {
        Files.writeString(mine.resolve("payload.bin"), "my own fine-tuned weights");
        ModelStore store = ModelStore.builder().cacheDir(cache).catalog(ModelCatalog.of(List.of(
                model("custom", PAYLOAD_SHA, "npm:x@1#package/payload.bin")))).path("custom", mine).build();
        assertThat(store.file("custom", "payload.bin")).isEqualTo(mine.resolve("payload.bin"));
    }

    @Test
    void unknownModelIdsListTheKnownOnes(@TempDir Path cache) {
        ModelStore store = store(cache, false, model("known", PAYLOAD_SHA, "classpath:models/payload.bin"));
        assertThatThrownBy(() -> store.file("unknown", "x")).isInstanceOf(ModelUnavailableException.class).hasMessageContaining("known");
    }
}
