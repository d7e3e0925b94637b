package io.visionpipeline.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionpipeline.llm.ChatMessage;
import io.visionpipeline.llm.ChatRequest;
import io.visionpipeline.llm.ChatResponse;
import io.visionpipeline.llm.LanguageModelException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAI chat-completions wire format, in one place for the client and the server:
 * request bodies, whole responses and streamed chunks.
 */
final class OpenAiJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiJson() {
    }

    /** A parsed request: which model, the chat, and whether to stream. */
    record Request(String model, ChatRequest chat, boolean stream) {
    }

    static String request(String model, ChatRequest chat, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : chat.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        body.put("max_tokens", chat.maxTokens());
        body.put("temperature", chat.temperature());
        body.put("stream", stream);
        return write(body);
    }

    static Request parseRequest(String body) {
        JsonNode root = read(body, "request");
        JsonNode messages = root.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("'messages' must be a non-empty array");
        }
        List<ChatMessage> chat = new ArrayList<>();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            ChatMessage.Role r;
            try {
                r = ChatMessage.Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown message role '" + role + "'", e);
            }
            chat.add(new ChatMessage(r, m.path("content").asText("")));
        }
        int maxTokens = root.path("max_tokens").asInt(root.path("max_completion_tokens").asInt(ChatRequest.DEFAULT_MAX_TOKENS));
        double temperature = root.path("temperature").asDouble(0);
        return new Request(root.path("model").asText(""), new ChatRequest(chat, maxTokens, temperature), root.path("stream").asBoolean(false));
    }

    static String response(String id, ChatResponse response) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id).put("object", "chat.completion").put("created", System.currentTimeMillis() / 1000).put("model", response.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", response.text());
        choice.put("finish_reason", response.finishReason());
        return write(body);
    }

    /**
     * @param endpoint for messages
     * @param body     a chat.completion body
     * @return the answer
     * @throws LanguageModelException naming the endpoint when the body is not a valid completion
     */
    static ChatResponse parseResponse(String endpoint, String body) {
        JsonNode root = answer(endpoint, body, "not JSON");
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").get("content");
        if (content == null || !content.isTextual()) {
            throw malformed(endpoint, body, "no choices[0].message.content");
        }
        return new ChatResponse(content.asText(), root.path("model").asText(""), root.path("choices").path(0).path("finish_reason").asText(""));
    }

    static String chunk(String id, String model, String delta, String finishReason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id).put("object", "chat.completion.chunk").put("created", System.currentTimeMillis() / 1000).put("model", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode d = choice.putObject("delta");
        if (delta != null) {
            d.put("content", delta);
        }
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return write(body);
    }

    /** A parsed stream chunk: the text piece (may be empty) and the finish reason (empty until the end). */
    record Chunk(String model, String delta, String finishReason) {
    }

    static Chunk parseChunk(String endpoint, String data) {
        JsonNode root = answer(endpoint, data, "a stream event is not JSON");
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || choice.isMissingNode()) {
            throw malformed(endpoint, data, "a stream event has no choices[0]");
        }
        JsonNode finish = choice.get("finish_reason");
        return new Chunk(root.path("model").asText(""), choice.path("delta").path("content").asText(""),
                finish == null || finish.isNull() ? "" : finish.asText());
    }

    static String error(String message, String type) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type);
        return write(body);
    }

    private static JsonNode answer(String endpoint, String body, String problem) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(endpoint, body, problem + " (" + e.getOriginalMessage() + ")");
        }
    }

    private static LanguageModelException malformed(String endpoint, String body, String problem) {
        String shown = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        return new LanguageModelException("Malformed response from " + endpoint + ": " + problem + "; body: " + shown);
    }

    private static JsonNode read(String body, String what) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the " + what + " body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the " + what + " body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
