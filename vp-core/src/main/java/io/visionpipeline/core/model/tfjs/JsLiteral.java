package io.visionpipeline.core.model.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses the JavaScript value literal a bundler writes for a JSON document: objects with bare or
 * quoted keys, arrays, single- or double-quoted strings, numbers in any JS form, {@code !0}/{@code !1}
 * booleans, {@code void 0} and {@code null}. Used for TF.js models shipped as UMD {@code .js}
 * modules (nsfwjs), whose payload is {@code module.exports = <literal>}.
 */
final class JsLiteral {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final String source;
    private int pos;

    private JsLiteral(String text, int start, String source) {
        this.text = text;
        this.pos = start;
        this.source = source;
    }

    /**
     * Finds the first {@code .exports = <object or string>} of a UMD/CommonJS bundle and parses
     * the literal.
     *
     * @param script the module's text
     * @param source the file, for messages
     * @return the exported value
     * @throws TfjsImportException naming the file when there is no such export or it is malformed
     */
    static JsonNode exportedValue(String script, String source) {
        int at = 0;
        while ((at = script.indexOf(".exports", at)) >= 0) {
            int p = skipSpace(script, at + ".exports".length());
            if (p < script.length() && script.charAt(p) == '=' && (p + 1 >= script.length() || script.charAt(p + 1) != '=')) {
                int v = skipSpace(script, p + 1);
                if (v < script.length() && (script.charAt(v) == '{' || script.charAt(v) == '"' || script.charAt(v) == '\'')) {
                    return new JsLiteral(script, v, source).value();
                }
            }
            at = p;
        }
        throw new TfjsImportException("TF.js model file " + source + " is neither JSON nor a JavaScript module that exports "
                + "a model or weights literal (no 'exports = {…}' or 'exports = \"…\"' found)");
    }

    /**
     * @param literal a complete literal
     * @param source  the file, for messages
     * @return the value
     */
    static JsonNode parse(String literal, String source) {
        JsLiteral parser = new JsLiteral(literal, 0, source);
        JsonNode value = parser.value();
        parser.skipSpace();
        if (parser.pos != literal.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    private JsonNode value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("the file ends in the middle of a value (truncated?)");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
            case '\'':
                return NODES.textNode(string());
            case '!':
                pos++;
                skipSpace();
                if (startsWith("0")) {
                    pos++;
                    return NODES.booleanNode(true);
                }
                if (startsWith("1")) {
                    pos++;
                    return NODES.booleanNode(false);
                }
                throw error("expected !0 or !1");
            default:
                break;
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return number();
        }
        String word = identifier();
        switch (word) {
            case "true":
                return NODES.booleanNode(true);
            case "false":
                return NODES.booleanNode(false);
            case "null":
            case "undefined":
                return NODES.nullNode();
            case "void":
                skipSpace();
                number();
                return NODES.nullNode();
            case "NaN":
                return NODES.numberNode(Double.NaN);
            case "Infinity":
                return NODES.numberNode(Double.POSITIVE_INFINITY);
            default:
                throw error(word.isEmpty() ? "unexpected character '" + c + "'" : "unexpected word '" + word + "'");
        }
    }

    private ObjectNode object() {
        ObjectNode object = NODES.objectNode();
        pos++;
        while (!closes('}')) {
            String key;
            char c = peek();
            if (c == '"' || c == '\'') {
                key = string();
            } else if (Character.isDigit(c)) {
                key = number().asText();
            } else {
                key = identifier();
                if (key.isEmpty()) {
                    throw error("expected a property name");
                }
            }
            skipSpace();
            expect(':');
            object.set(key, value());
            separator('}', "an object");
        }
        return object;
    }

    private ArrayNode array() {
        ArrayNode array = NODES.arrayNode();
        pos++;
        while (!closes(']')) {
            array.add(value());
            separator(']', "an array");
        }
        return array;
    }

    /** Skips space; consumes {@code close} and says so when it comes next. */
    private boolean closes(char close) {
        skipSpace();
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After an element: a comma, or the closing bracket (left for {@link #closes}). */
    private void separator(char close, String where) {
        skipSpace();
        char next = peek();
        if (next == ',') {
            pos++;
        } else if (next != close) {
            throw error("expected ',' or '" + close + "' in " + where);
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("the file ends inside a string (truncated?)");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("the file ends inside a string (truncated?)");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000B');
                case '0' -> out.append('\0');
                case 'x' -> out.append((char) hex(2));
                case 'u' -> out.append((char) hex(4));
                case '\n' -> {
                    // line continuation
                }
                default -> out.append(e);
            }
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw error("the file ends inside an escape sequence (truncated?)");
        }
        try {
            int v = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException e) {
            throw error("malformed escape sequence");
        }
    }

    private JsonNode number() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        if (startsWith("0x") || startsWith("0X")) {
            pos += 2;
            int digits = pos;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            long v = Long.parseLong(text.substring(digits, pos), 16);
            return NODES.numberNode(text.charAt(start) == '-' ? -v : v);
        }
        boolean integral = true;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isDigit(c)) {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E' || ((c == '-' || c == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E'))) {
                integral = false;
                pos++;
            } else {
                break;
            }
        }
        String literal = text.substring(start, pos);
        try {
            if (integral && literal.length() < 18) {
                return NODES.numberNode(Long.parseLong(literal.startsWith("+") ? literal.substring(1) : literal));
            }
            return NODES.numberNode(Double.parseDouble(literal));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("malformed number '" + literal + "'");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("the file ends in the middle of the model (truncated?)");
        }
        return text.charAt(pos);
    }

    private boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    private void skipSpace() {
        pos = skipSpace(text, pos);
    }

    private static int skipSpace(String s, int from) {
        int p = from;
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private TfjsImportException error(String problem) {
        int from = Math.max(0, pos - 20);
        int to = Math.min(text.length(), pos + 20);
        return new TfjsImportException("Malformed TF.js model file " + source + ": " + problem + " at character " + pos
                + " (near '" + text.substring(from, to).replaceAll("\\s", " ") + "')");
    }
}
