package dev.npmauth.impl.publish;

import dev.npmauth.Credential;
import dev.npmauth.OtpProvider;
import dev.npmauth.PackageName;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.publish.PublishException;
import dev.npmauth.publish.StagedPublishing;
import dev.npmauth.publish.StagedVersion;
import dev.npmauth.registry.RegistryErrorKind;
import dev.npmauth.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Staged publishing with the endpoints {@code npm stage} uses. */
public final class DefaultStagedPublishing implements StagedPublishing {
  private static final Pattern UUID = Pattern.compile(
      "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);
  private static final int PER_PAGE = 100;
  private static final Set<String> KNOWN = Set.of("id", "packageName", "version", "tag", "createdAt", "actor", "shasum");

  private final RegistryHttp http;

  /**
   * Creates the capability.
   *
   * @param http the HTTP stack
   */
  public DefaultStagedPublishing(RegistryHttp http) {
    this.http = http;
  }

  @Override
  public List<StagedVersion> list(Optional<PackageName> packageName, Credential credential) {
    List<StagedVersion> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      HttpUrl.Builder url = http.registryUrl("-/stage").newBuilder()
          .addQueryParameter("page", String.valueOf(page))
          .addQueryParameter("perPage", String.valueOf(PER_PAGE));
      packageName.ifPresent(name -> url.addQueryParameter("package", name.value()));
      Map<String, Object> json = json(http.call("GET", url.build()).command("stage").credential(credential)
          .header("Cache-Control", "no-cache").execute().body(), "the stage list");
      List<?> items = json.get("items") instanceof List<?> l ? l : List.of();
      for (Object item : items) {
        if (item instanceof Map<?, ?> m) {
          all.add(item(cast(m)));
        }
      }
      long total = json.get("total") instanceof Number n ? n.longValue() : all.size();
      if (all.size() >= total || items.size() < PER_PAGE) {
        return all;
      }
    }
  }

  @Override
  public StagedVersion view(String stageId, Credential credential) {
    return item(json(http.call("GET", url(stageId, "")).command("stage").credential(credential)
        .header("Cache-Control", "no-cache").execute().body(), "stage item " + stageId));
  }

  @Override
  public void approve(String stageId, Credential credential, Optional<OtpProvider> otpProvider) {
    HttpUrl url = url(stageId, "/approve");
    OtpRetry.run("approve stage " + stageId, Optional.empty(), otpProvider, otp ->
        http.call("POST", url).command("stage").credential(credential).otp(otp).retryable(false).execute());
  }

  @Override
  public void reject(String stageId, Credential credential, Optional<OtpProvider> otpProvider) {
    HttpUrl url = url(stageId, "");
    OtpRetry.run("reject stage " + stageId, Optional.empty(), otpProvider, otp ->
        http.call("DELETE", url).command("stage").credential(credential).otp(otp).execute());
  }

  @Override
  public Path download(String stageId, Path directory, Credential credential) {
    HttpUrl url = url(stageId, "/tarball");
    try {
      Files.createDirectories(directory);
      Path partial = Files.createTempFile(directory, ".stage-", ".tgz.part");
      try {
        http.call("GET", url).command("stage").credential(credential).stream(response -> {
          try (InputStream in = response.body().byteStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
          }
          return null;
        });
        TarballContents contents = TarballContents.read(partial);
        String name = Json.string(contents.manifest(), "name").orElseThrow(() -> new PublishException(
            "the staged tarball " + stageId + " has no package name"));
        String version = Json.string(contents.manifest(), "version").orElseThrow(() -> new PublishException(
            "the staged tarball " + stageId + " has no version"));
        Path target = directory.resolve(name.replace("@", "").replace('/', '-') + "-" + version + "-" + stageId + ".tgz");
        return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new PublishException("cannot write the staged tarball " + stageId + " to " + directory + ": "
          + e.getMessage(), e);
    }
  }

  private HttpUrl url(String stageId, String suffix) {
    if (stageId == null || !UUID.matcher(stageId).matches()) {
      throw new IllegalArgumentException("\"" + stageId + "\" is not a stage id: stage ids are UUIDs such as"
          + " 0f0e0d0c-0b0a-4908-8706-050403020100 (see the stage list)");
    }
    return http.registryUrl("-/stage/" + stageId + suffix);
  }

  private Map<String, Object> json(String body, String what) {
    try {
      return Json.readObject(body);
    } catch (IOException e) {
      throw new RegistryException(RegistryErrorKind.OTHER, 200, "GET", http.registryUrl("-/stage").uri(),
          what + " is not a JSON object");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static StagedVersion item(Map<String, Object> json) {
    Map<String, String> other = new LinkedHashMap<>();
    json.forEach((k, v) -> {
      if (!KNOWN.contains(k) && v != null && !(v instanceof Map) && !(v instanceof List)) {
        other.put(k, String.valueOf(v));
      }
    });
    Optional<Instant> created = Json.string(json, "createdAt").flatMap(s -> {
      try {
        return Optional.of(Instant.parse(s));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    });
    return new StagedVersion(Json.string(json, "id").orElse("?"),
        PackageName.of(Json.string(json, "packageName").orElseThrow(() -> new RegistryException(RegistryErrorKind.OTHER,
            200, "GET", java.net.URI.create("stage"), "a stage item has no packageName"))),
        Json.string(json, "version").orElse("?"), Json.string(json, "tag"), created, Json.string(json, "actor"),
        Json.string(json, "shasum"), other);
  }
}
