package io.visionpipeline.cpu.whisper.internal;

import io.visionpipeline.cpu.natives.OpenMp;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.github.givimad.whisperjni.WhisperJNI;
import io.visionpipeline.stage.Availability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Loads whisper.cpp once per JVM: whisper-jni 1.7.1 extracts and loads its bundled natives for
 * this platform (picking the ggml build for the CPU's features), then JNA binds the loaded
 * {@code libwhisper} and this class checks, before anything else is called, that the library's
 * parameter structs have exactly the 1.7.1 layout the bindings assume (by reading the defaults
 * whisper.cpp fills in). whisper.cpp's log goes to SLF4J (logger
 * {@code io.visionpipeline.cpu.whisper.native}); its last warnings and errors on each thread are
 * kept for error messages.
 */
public final class WhisperNatives {
    private static final Logger LOG = LoggerFactory.getLogger(WhisperNatives.class);
    private static final Logger NATIVE_LOG = LoggerFactory.getLogger("io.visionpipeline.cpu.whisper.native");
    private static final List<String> LIBRARY_NAMES = List.of("libwhisper.so.1", "libwhisper.1.dylib", "whisper");
    private static final int KEPT_LINES = 8;
    /** {@code GGML_LOG_LEVEL_WARN} in the ggml of whisper.cpp 1.7.1 (NONE 0, INFO 1, WARN 2, ERROR 3, DEBUG 4, CONT 5). */
    private static final int LEVEL_WARN = 2;
    /** {@code GGML_LOG_LEVEL_ERROR}. */
    private static final int LEVEL_ERROR = 3;
    private static final ThreadLocal<Deque<String>> RECENT = ThreadLocal.withInitial(ArrayDeque::new);
    /** Held for the life of the JVM: whisper.cpp keeps the pointer. */
    private static final WhisperLibrary.LogCallback LOG_CALLBACK = WhisperNatives::log;

    private static volatile WhisperLibrary library;
    private static volatile Availability availability;

    private WhisperNatives() {
    }

    /**
     * @return the bound library
     * @throws IllegalStateException saying why when whisper.cpp cannot be used here
     */
    public static WhisperLibrary library() {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException(a.reason());
        }
        return library;
    }

    /** @return whether whisper.cpp loads here with the expected struct layouts; never throws */
    public static Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (WhisperNatives.class) {
                a = availability;
                if (a == null) {
                    try {
                        a = load();
                    } catch (RuntimeException | LinkageError e) {
                        a = Availability.unavailable("whisper.cpp cannot be loaded: " + e);
                    }
                    availability = a;
                }
            }
        }
        return a;
    }

    /** @return whisper.cpp's recent warnings and errors on this thread, oldest first, and forgets them */
    public static String takeRecentLog() {
        Deque<String> lines = RECENT.get();
        String text = String.join(" | ", lines);
        lines.clear();
        return text;
    }

    private static Availability load() {
        if (Native.POINTER_SIZE != 8) {
            return Availability.unavailable("whisper.cpp needs a 64-bit JVM");
        }
        OpenMp.limitBeforeLoading();
        try {
            WhisperJNI.loadLibrary(message -> LOG.debug("whisper-jni: {}", message));
        } catch (Throwable e) {
            return Availability.unavailable("whisper-jni 1.7.1 has no whisper.cpp build for " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + " or it does not load: " + e);
        }
        WhisperLibrary lib = null;
        Throwable last = null;
        for (String name : LIBRARY_NAMES) {
            try {
                lib = Native.load(name, WhisperLibrary.class);
                break;
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        if (lib == null) {
            return Availability.unavailable("whisper-jni loaded, but its libwhisper cannot be bound: " + last);
        }
        try {
            String layout = checkLayout(lib);
            if (!layout.isEmpty()) {
                return Availability.unavailable("the loaded libwhisper is not whisper.cpp 1.7.1 (" + layout
                        + "); use io.github.givimad:whisper-jni:1.7.1");
            }
            lib.whisper_log_set(LOG_CALLBACK, null);
            LOG.debug("whisper.cpp ready: {}", lib.whisper_print_system_info());
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("libwhisper does not have the whisper.cpp 1.7.1 API: " + e);
        }
        library = lib;
        return Availability.AVAILABLE;
    }

    /** @return empty when the defaults whisper.cpp writes sit where the bindings expect them, else what differs */
    private static String checkLayout(WhisperLibrary lib) {
        Pointer full = lib.whisper_full_default_params_by_ref(WhisperLibrary.SAMPLING_GREEDY);
        Pointer context = lib.whisper_context_default_params_by_ref();
        try {
            WhisperFullParams f = new WhisperFullParams(full);
            WhisperContextParams c = new WhisperContextParams(context);
            StringBuilder wrong = new StringBuilder();
            expect(wrong, "sizeof(whisper_full_params)", f.size(), WhisperFullParams.SIZE);
            expect(wrong, "n_max_text_ctx", f.n_max_text_ctx, 16384);
            expect(wrong, "thold_pt", f.thold_pt, 0.01f);
            expect(wrong, "temperature_inc", f.temperature_inc, 0.2f);
            expect(wrong, "entropy_thold", f.entropy_thold, 2.4f);
            expect(wrong, "no_speech_thold", f.no_speech_thold, 0.6f);
            expect(wrong, "greedy.best_of", f.greedy_best_of, 5);
            expect(wrong, "beam_search.beam_size", f.beam_search_beam_size, -1);
            expect(wrong, "grammar_penalty", f.grammar_penalty, 100f);
            expect(wrong, "sizeof(whisper_context_params)", c.size(), WhisperContextParams.SIZE);
            expect(wrong, "dtw_n_top", c.dtw_n_top, -1);
            expect(wrong, "dtw_mem_size", c.dtw_mem_size, 128L * 1024 * 1024);
            return wrong.toString();
        } finally {
            lib.whisper_free_params(full);
            lib.whisper_free_context_params(context);
        }
    }

    private static void expect(StringBuilder wrong, String field, Object actual, Object expected) {
        if (!actual.equals(expected)) {
            wrong.append(wrong.isEmpty() ? "" : ", ").append(field).append(" = ").append(actual).append(" instead of ").append(expected);
        }
    }

    private static void log(int level, Pointer text, Pointer userData) {
        if (text == null) {
            return;
        }
        String line = new String(text.getByteArray(0, (int) Math.min(4096, strlen(text))), StandardCharsets.UTF_8).strip();
        if (line.isEmpty()) {
            return;
        }
        if (level == LEVEL_WARN || level == LEVEL_ERROR) {
            Deque<String> lines = RECENT.get();
            if (lines.size() == KEPT_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        if (level == LEVEL_ERROR) {
            NATIVE_LOG.info("{}", line);
        } else {
            NATIVE_LOG.debug("{}", line);
        }
    }

    private static long strlen(Pointer p) {
        long n = 0;
        while (n < 4096 && p.getByte(n) != 0) {
            n++;
        }
        return n;
    }
}
