package dev.npmauth.impl.verify;

import dev.npmauth.Credential;
import dev.npmauth.NpmAuthException;
import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.provenance.RegistryKeys;
import dev.npmauth.registry.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/**
 * What verification fetches from registries, each document fetched once per instance: a
 * registry's keys once per registry, a package's full packument once per package. Concurrent
 * askers of the same document wait for the one fetch. Failures are remembered too.
 */
final class RegistrySources {
  /** The registry's keys, or none; with how they were had. */
  record Keys(RegistryKeys keys, String note) {
  }

  @FunctionalInterface
  private interface Fetch<T> {
    T get() throws FetchFailure;
  }

  private final RegistryHttp http;
  private final Optional<Credential> credential;
  private final Map<String, CompletableFuture<Keys>> keys = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Map<String, Object>>> packuments =
      new ConcurrentHashMap<>();

  RegistrySources(RegistryHttp http, Supplier<Optional<Credential>> credential) {
    this.http = http;
    this.credential = credential.get();
  }

  /** The full packument of a package ({@code Accept: application/json}, for {@code time}). */
  Map<String, Object> packument(RegistryUrl registry, PackageName name) throws FetchFailure {
    return memo(packuments, registry + " " + name.value(), () -> {
      String body = get(HttpUrl.get(registry.resolve(name.escaped())), "the packument of " + name);
      try {
        return Json.readObject(body);
      } catch (IOException e) {
        throw new FetchFailure("the packument of " + name + " from " + registry
            + " is not a JSON object: " + e.getMessage());
      }
    });
  }

  /** The registry's signing keys; an empty list when it answers 404 or 400 (no keys). */
  Keys keys(RegistryUrl registry) throws FetchFailure {
    return memo(keys, registry.toString(), () -> {
      HttpUrl url = HttpUrl.get(registry.resolve("-/npm/v1/keys"));
      String body;
      try {
        body = call(url).execute().body();
      } catch (RegistryException e) {
        if (e.status() == 404 || e.status() == 400) {
          return new Keys(new RegistryKeys(java.util.List.of()), "the registry publishes no"
              + " signing keys (GET " + url + " answered " + e.status() + ")");
        }
        throw new FetchFailure("the registry's signing keys could not be fetched: "
            + e.getMessage());
      } catch (NpmAuthException e) {
        throw new FetchFailure("the registry's signing keys could not be fetched: "
            + e.getMessage());
      }
      try {
        RegistryKeys parsed = RegistryKeys.parse(body.getBytes(StandardCharsets.UTF_8));
        return new Keys(parsed, parsed.keys().size() + " key(s) from " + url);
      } catch (IllegalArgumentException e) {
        throw new FetchFailure("GET " + url + " answered something that is not a keys document: "
            + e.getMessage());
      }
    });
  }

  /**
   * The attestations a version names: npm takes only the pathname of {@code dist.attestations.url}
   * and requests it from the registry's origin.
   */
  byte[] attestations(RegistryUrl registry, String url) throws FetchFailure {
    String path;
    try {
      path = URI.create(url).getRawPath();
    } catch (IllegalArgumentException e) {
      throw new FetchFailure("dist.attestations.url '" + url + "' is not a URL");
    }
    if (path == null || !path.startsWith("/")) {
      throw new FetchFailure("dist.attestations.url '" + url + "' has no path");
    }
    HttpUrl target = HttpUrl.parse(registry.origin().toString() + path.substring(1));
    if (target == null) {
      throw new FetchFailure("dist.attestations.url '" + url + "' has an unusable path");
    }
    return get(target, "the attestations").getBytes(StandardCharsets.UTF_8);
  }

  private String get(HttpUrl url, String what) throws FetchFailure {
    try {
      return call(url).execute().body();
    } catch (NpmAuthException e) {
      throw new FetchFailure(what + " could not be fetched: " + e.getMessage());
    }
  }

  private RegistryHttp.Call call(HttpUrl url) {
    return http.call("GET", url).command("audit").header("accept", "application/json")
        .credential(credential.orElse(null));
  }

  private static <T> T memo(Map<String, CompletableFuture<T>> cache, String key, Fetch<T> fetch)
      throws FetchFailure {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> existing = cache.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        mine.complete(fetch.get());
      } catch (FetchFailure | RuntimeException e) {
        mine.completeExceptionally(e);
      }
      existing = mine;
    }
    try {
      return existing.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof FetchFailure f) {
        throw new FetchFailure(f.getMessage());
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
