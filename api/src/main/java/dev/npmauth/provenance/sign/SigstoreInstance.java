package dev.npmauth.provenance.sign;

import dev.npmauth.Environment;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where keyless signing goes: the Fulcio certificate authority, the Rekor transparency log, and
 * optionally an RFC 3161 timestamp authority. Clients append the services' API paths ({@code
 * /api/v2/signingCert}, {@code /api/v1/log/entries}, {@code /api/v1/timestamp}) to these base URLs.
 *
 * <pre>{@code
 * SigstoreInstance instance = SigstoreInstance.of(
 *     URI.create("https://fulcio.sigstage.dev"), URI.create("https://rekor.sigstage.dev"));
 * }</pre>
 *
 * @param fulcioUrl Fulcio's base URL
 * @param rekorUrl Rekor's base URL
 * @param timestampAuthorityUrl a timestamp authority's base URL; empty for none (npm uses none:
 *     Rekor's integrated time is the signing time)
 */
public record SigstoreInstance(URI fulcioUrl, URI rekorUrl, Optional<URI> timestampAuthorityUrl) {
  /** The public-good Fulcio. */
  public static final URI PUBLIC_GOOD_FULCIO = URI.create("https://fulcio.sigstore.dev");
  /** The public-good Rekor. */
  public static final URI PUBLIC_GOOD_REKOR = URI.create("https://rekor.sigstore.dev");
  /** Overrides Fulcio's URL in {@link #fromEnvironment}. */
  public static final String FULCIO_URL_VARIABLE = "NPMAUTH_FULCIO_URL";
  /** Overrides Rekor's URL in {@link #fromEnvironment}. */
  public static final String REKOR_URL_VARIABLE = "NPMAUTH_REKOR_URL";
  /** Adds a timestamp authority in {@link #fromEnvironment}. */
  public static final String TSA_URL_VARIABLE = "NPMAUTH_TSA_URL";

  /**
   * Checks the URLs: absolute {@code http} or {@code https}, without query or fragment; a
   * trailing slash is removed.
   *
   * @param fulcioUrl Fulcio's base URL
   * @param rekorUrl Rekor's base URL
   * @param timestampAuthorityUrl a timestamp authority's base URL, or empty
   * @throws IllegalArgumentException naming the URL that is not usable
   */
  public SigstoreInstance {
    fulcioUrl = check(fulcioUrl, "Fulcio");
    rekorUrl = check(rekorUrl, "Rekor");
    Objects.requireNonNull(timestampAuthorityUrl, "timestampAuthorityUrl");
    timestampAuthorityUrl = timestampAuthorityUrl.map(u -> check(u, "the timestamp authority"));
  }

  /**
   * The Sigstore public-good instance: {@code https://fulcio.sigstore.dev} and {@code
   * https://rekor.sigstore.dev}, no timestamp authority (as npm signs).
   *
   * @return the instance
   */
  public static SigstoreInstance publicGood() {
    return new SigstoreInstance(PUBLIC_GOOD_FULCIO, PUBLIC_GOOD_REKOR, Optional.empty());
  }

  /**
   * An instance without a timestamp authority.
   *
   * @param fulcioUrl Fulcio's base URL
   * @param rekorUrl Rekor's base URL
   * @return the instance
   */
  public static SigstoreInstance of(URI fulcioUrl, URI rekorUrl) {
    return new SigstoreInstance(fulcioUrl, rekorUrl, Optional.empty());
  }

  /**
   * A copy that also asks a timestamp authority for an RFC 3161 timestamp over the signature.
   *
   * @param url the authority's base URL
   * @return the copy
   */
  public SigstoreInstance withTimestampAuthority(URI url) {
    return new SigstoreInstance(fulcioUrl, rekorUrl, Optional.of(url));
  }

  /**
   * The public-good instance with each URL replaced by its environment variable when set: {@value
   * #FULCIO_URL_VARIABLE}, {@value #REKOR_URL_VARIABLE}, {@value #TSA_URL_VARIABLE}.
   *
   * @param environment the environment
   * @return the instance
   * @throws IllegalArgumentException if a variable holds an unusable URL (the message names it)
   */
  public static SigstoreInstance fromEnvironment(Environment environment) {
    URI fulcio = variable(environment, FULCIO_URL_VARIABLE).orElse(PUBLIC_GOOD_FULCIO);
    URI rekor = variable(environment, REKOR_URL_VARIABLE).orElse(PUBLIC_GOOD_REKOR);
    return new SigstoreInstance(fulcio, rekor, variable(environment, TSA_URL_VARIABLE));
  }

  /**
   * Whether this is the public-good Rekor, whose entries {@code search.sigstore.dev} shows.
   *
   * @return true for {@code https://rekor.sigstore.dev}
   */
  public boolean isPublicGoodRekor() {
    return rekorUrl.equals(PUBLIC_GOOD_REKOR);
  }

  private static Optional<URI> variable(Environment environment, String name) {
    return environment.nonEmpty(name).map(String::strip).map(v -> {
      try {
        return check(URI.create(v), name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " is not a usable URL: " + e.getMessage(), e);
      }
    });
  }

  private static URI check(URI url, String what) {
    Objects.requireNonNull(url, what + " URL");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException(what + " URL must be an absolute http(s) URL, got " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(what + " URL must not have a query or fragment, got " + url);
    }
    String text = url.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
  }
}
