package dev.zonesync.aws;

import dev.zonesync.config.ConfigException;
import dev.zonesync.config.ParameterSource;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/** Configuration stored in SSM Parameter Store (read once per container). */
public final class SsmParameterSource implements ParameterSource {

  private final SsmClient client;

  public SsmParameterSource() {
    this(SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
  }

  public SsmParameterSource(SsmClient client) {
    this.client = client;
  }

  @Override
  public String get(String name) {
    try {
      return client
          .getParameter(GetParameterRequest.builder().name(name).withDecryption(true).build())
          .parameter()
          .value();
    } catch (SdkException e) {
      throw new ConfigException(
          "cannot read SSM parameter "
              + name
              + ": "
              + e.getMessage()
              + " (check ZONESYNC_CONFIG and ssm:GetParameter)",
          e);
    }
  }

  @Override
  public SortedMap<String, String> byPath(String path) {
    SortedMap<String, String> out = new TreeMap<>();
    try {
      for (GetParametersByPathResponse page :
          client.getParametersByPathPaginator(
              GetParametersByPathRequest.builder()
                  .path(path)
                  .recursive(true)
                  .withDecryption(true)
                  .build())) {
        for (Parameter p : page.parameters()) {
          out.put(p.name(), p.value());
        }
      }
    } catch (SdkException e) {
      throw new ConfigException(
          "cannot read SSM parameters under " + path,
          List.of(e.getMessage() + " (check ZONESYNC_CONFIG and ssm:GetParametersByPath)"));
    }
    return out;
  }
}
