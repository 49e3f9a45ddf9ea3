package dev.npmauth.impl.publish;

import dev.npmauth.Credential;
import dev.npmauth.OtpProvider;
import dev.npmauth.PackageName;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.publish.DistTags;
import dev.npmauth.publish.PublishException;
import dev.npmauth.registry.RegistryErrorKind;
import dev.npmauth.registry.RegistryException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** Dist-tags as {@code npm dist-tag} manages them. */
public final class DefaultDistTags implements DistTags {
  private static final MediaType JSON = MediaType.get("application/json");
  private final RegistryHttp http;

  /**
   * Creates the capability.
   *
   * @param http the HTTP stack
   */
  public DefaultDistTags(RegistryHttp http) {
    this.http = http;
  }

  @Override
  public Map<String, String> list(PackageName packageName, Optional<Credential> credential) {
    String body = http.call("GET", http.registryUrl("-/package/" + packageName.escaped() + "/dist-tags"))
        .command("dist-tag").credential(credential.orElse(null)).header("Cache-Control", "no-cache")
        .execute().body();
    Map<String, Object> json;
    try {
      json = Json.readObject(body);
    } catch (IOException e) {
      throw new RegistryException(RegistryErrorKind.OTHER, 200, "GET", url(packageName, null).uri(),
          "the dist-tags of " + packageName + " are not a JSON object");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    json.forEach((tag, version) -> {
      if (!tag.equals("_etag") && version instanceof String v) {
        tags.put(tag, v);
      }
    });
    return tags;
  }

  @Override
  public void add(PackageName packageName, String version, String tag, Credential credential,
      Optional<OtpProvider> otpProvider) {
    try {
      PreparedPublish.checkTag(tag, packageName);
    } catch (PublishException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (PreparedPublish.cleanVersion(version).filter(version::equals).isEmpty()) {
      throw new IllegalArgumentException("\"" + version + "\" is not a semver version; a dist-tag points at one"
          + " published version, e.g. 1.2.3");
    }
    if (version.equals(list(packageName, Optional.of(credential)).get(tag))) {
      return; // as npm: nothing to do when the tag already points there
    }
    OtpRetry.run("PUT dist-tag " + tag + " of " + packageName, Optional.empty(), otpProvider, otp -> {
      http.call("PUT", url(packageName, tag)).command("dist-tag").credential(credential).otp(otp)
          .body(RequestBody.create(Json.write(version), JSON)).execute();
      return null;
    });
  }

  @Override
  public void remove(PackageName packageName, String tag, Credential credential, Optional<OtpProvider> otpProvider) {
    if (tag.equals("latest")) {
      throw new IllegalArgumentException("the latest tag of " + packageName + " cannot be removed; point it at"
          + " another version instead");
    }
    if (!list(packageName, Optional.of(credential)).containsKey(tag)) {
      throw new IllegalArgumentException(packageName + " has no dist-tag \"" + tag + "\"");
    }
    OtpRetry.run("DELETE dist-tag " + tag + " of " + packageName, Optional.empty(), otpProvider, otp -> {
      http.call("DELETE", url(packageName, tag)).command("dist-tag").credential(credential).otp(otp).execute();
      return null;
    });
  }

  private okhttp3.HttpUrl url(PackageName packageName, String tag) {
    String path = "-/package/" + packageName.escaped() + "/dist-tags";
    if (tag != null) {
      path += "/" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
    }
    return http.registryUrl(path);
  }
}
