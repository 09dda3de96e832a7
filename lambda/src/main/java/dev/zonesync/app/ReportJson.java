package dev.zonesync.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zonesync.sync.RunReport;
import java.io.IOException;
import java.io.OutputStream;

/** The JSON form of a report (stdout of the CLI, return value of the Lambda). */
public final class ReportJson {

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private ReportJson() {}

  public static void write(RunReport report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, report);
    out.flush();
  }

  public static String toJson(RunReport report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise report", e);
    }
  }

  /** The report on one line (for a reader that takes one report per line). */
  public static String toJsonLine(RunReport report) {
    try {
      return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise report", e);
    }
  }
}
