package io.visionpipeline.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real, freely licensed test media from Debian packages, found where the packages install them.
 * {@code scripts/install-prerequisites.sh} (run by {@code .ci/run}) installs the packages; a test
 * that needs a missing file fails with a message saying which package to install.
 */
public final class TestMedia {
    /** Debian {@code python3-skimage} data folder: astronaut.png, coffee.png, chelsea.png, camera.png, page.png. */
    public static final Path SKIMAGE = Path.of("/usr/lib/python3/dist-packages/skimage/data");
    /** Debian {@code opencv-doc} data folder: messi5.jpg, vtest.avi, Megamind.avi. */
    public static final Path OPENCV_DATA = Path.of("/usr/share/doc/opencv-doc/examples/data");
    /** Debian {@code opencv-doc} scene text folder: scenetext01.jpg … */
    public static final Path OPENCV_TEXT = Path.of("/usr/share/doc/opencv-doc/examples/text");

    private TestMedia() {
    }

    /**
     * @param name a file in skimage's data folder, e.g. {@code astronaut.png}
     * @return its path
     */
    public static Path skimage(String name) {
        return require(SKIMAGE.resolve(name), "python3-skimage");
    }

    /**
     * @param name a file in opencv-doc's data folder, e.g. {@code messi5.jpg}
     * @return its path
     */
    public static Path opencv(String name) {
        return require(OPENCV_DATA.resolve(name), "opencv-doc");
    }

    /**
     * @param name a file in opencv-doc's text folder, e.g. {@code scenetext01.jpg}
     * @return its path
     */
    public static Path opencvText(String name) {
        return require(OPENCV_TEXT.resolve(name), "opencv-doc");
    }

    /** @return a shared cache folder for generated media, outside the repository */
    public static Path generatedDir() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "visionpipeline-test-media");
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path require(Path file, String debianPackage) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Test media " + file + " is missing: install the Debian package "
                    + debianPackage + " (bash scripts/install-prerequisites.sh does it)");
        }
        return file;
    }
}
