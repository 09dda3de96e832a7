package dev.zonesync.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads an AWS JSON 1.1 error answer: {@code {"__type": "ParameterNotFound", "message": "..."}}.
 * The type may carry a namespace ({@code com.amazonaws.ssm#ParameterNotFound}) or a URL suffix
 * ({@code ParameterNotFound:http://...}); the {@code x-amzn-ErrorType} header is the fallback.
 */
final class AwsErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  private AwsErrors() {}

  /** The error code, or "" if the answer names none (e.g. a proxy's HTML page). */
  static String code(byte[] body, String errorTypeHeader) {
    JsonNode n = tree(body);
    String type = n == null ? null : text(n, "__type");
    if (type == null) {
      type = errorTypeHeader;
    }
    if (type == null) {
      return "";
    }
    int colon = type.indexOf(':');
    if (colon >= 0) {
      type = type.substring(0, colon);
    }
    return type.substring(type.lastIndexOf('#') + 1).strip();
  }

  /** {@code ": <AWS message>"}, shortened and single-line; or "" if there is none. */
  static String message(byte[] body) {
    JsonNode n = tree(body);
    String m = n == null ? null : text(n, "message");
    if (m == null && n != null) {
      m = text(n, "Message");
    }
    if (m == null || m.isBlank()) {
      return "";
    }
    m = m.replaceAll("\\s+", " ").strip();
    return ": " + (m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static JsonNode tree(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }
}
