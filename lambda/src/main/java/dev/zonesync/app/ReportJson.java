package dev.zonesync.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zonesync.sync.RunReport;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The JSON form of a report: pretty for the CLI's stdout, compact for the function's response (see
 * {@link ResponseBudget}).
 */
public final class ReportJson {

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private static final ObjectWriter COMPACT =
      MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  /** Any part of a report (the report, a zone, one entry) as compact UTF-8 JSON. */
  public static byte[] compact(Object value) {
    try {
      return COMPACT.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise report", e);
    }
  }

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
      return COMPACT.writeValueAsString(report);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise report", e);
    }
  }
}
