package dev.npmauth.provenance;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who must have signed a bundle.
 *
 * <p>Either a <b>certificate identity</b> (keyless, Fulcio): an exact OIDC issuer plus the
 * subject alternative name, exactly or as a regular expression that must match the whole SAN,
 * plus optionally required Fulcio extension values; or a <b>managed public key</b>, for bundles
 * signed with a key instead of a certificate.
 *
 * <pre>{@code
 * VerificationPolicy p = VerificationPolicy.builder()
 *     .issuer("https://token.actions.githubusercontent.com")
 *     .subjectAlternativeNamePattern(Pattern.compile(
 *         "https://github\\.com/my-org/my-repo/\\.github/workflows/release\\.yml@refs/tags/v.*"))
 *     .requireExtension(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/my-org/my-repo")
 *     .build();
 * }</pre>
 *
 * @param issuer the exact OIDC issuer (keyless only)
 * @param subjectAlternativeName the exact SAN (keyless only)
 * @param subjectAlternativeNamePattern a pattern the whole SAN must match (keyless only)
 * @param requiredExtensions Fulcio extension values the certificate must carry exactly
 * @param publicKey the managed key (key-signed bundles only)
 */
public record VerificationPolicy(
    Optional<String> issuer,
    Optional<String> subjectAlternativeName,
    Optional<Pattern> subjectAlternativeNamePattern,
    Map<FulcioExtension, String> requiredExtensions,
    Optional<PublicKeyMaterial> publicKey) {

  /**
   * Checks that the policy is one of the two kinds and complete.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a key policy also names an identity, or a keyless policy
   *     lacks the issuer, or names both an exact SAN and a pattern, or has neither and no required
   *     extension
   *
   * @param issuer the exact OIDC issuer (keyless only)
   * @param subjectAlternativeName the exact SAN (keyless only)
   * @param subjectAlternativeNamePattern a pattern the whole SAN must match (keyless only)
   * @param requiredExtensions Fulcio extension values the certificate must carry exactly
   * @param publicKey the managed key (key-signed bundles only)
   */
  public VerificationPolicy {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subjectAlternativeName, "subjectAlternativeName");
    Objects.requireNonNull(subjectAlternativeNamePattern, "subjectAlternativeNamePattern");
    Objects.requireNonNull(publicKey, "publicKey");
    Map<FulcioExtension, String> copy = new EnumMap<>(FulcioExtension.class);
    copy.putAll(requiredExtensions);
    copy.values().forEach(v -> Objects.requireNonNull(v, "required extension value"));
    requiredExtensions = Collections.unmodifiableMap(copy);
    if (publicKey.isPresent()) {
      if (issuer.isPresent() || subjectAlternativeName.isPresent()
          || subjectAlternativeNamePattern.isPresent() || !requiredExtensions.isEmpty()) {
        throw new IllegalArgumentException(
            "a managed-key policy cannot also name a certificate identity: use one or the other");
      }
    } else {
      if (issuer.isEmpty()) {
        throw new IllegalArgumentException(
            "a keyless policy needs the OIDC issuer, e.g."
                + " https://token.actions.githubusercontent.com");
      }
      if (subjectAlternativeName.isPresent() && subjectAlternativeNamePattern.isPresent()) {
        throw new IllegalArgumentException(
            "give the subject alternative name exactly or as a pattern, not both");
      }
      if (subjectAlternativeName.isEmpty() && subjectAlternativeNamePattern.isEmpty()
          && requiredExtensions.isEmpty()) {
        throw new IllegalArgumentException("a keyless policy needs the subject alternative name"
            + " (exact or pattern) or at least one required Fulcio extension");
      }
    }
  }

  /**
   * A keyless policy with an exact issuer and an exact SAN.
   *
   * @param issuer the OIDC issuer
   * @param subjectAlternativeName the signer identity
   * @return the policy
   */
  public static VerificationPolicy keyless(String issuer, String subjectAlternativeName) {
    return builder().issuer(issuer).subjectAlternativeName(subjectAlternativeName).build();
  }

  /**
   * A keyless policy with an exact issuer and a SAN pattern (matched against the whole SAN).
   *
   * @param issuer the OIDC issuer
   * @param subjectAlternativeNamePattern the pattern
   * @return the policy
   */
  public static VerificationPolicy keylessMatching(String issuer,
      Pattern subjectAlternativeNamePattern) {
    return builder().issuer(issuer).subjectAlternativeNamePattern(subjectAlternativeNamePattern)
        .build();
  }

  /**
   * A managed-key policy: the bundle must be signed with this key.
   *
   * @param key the key
   * @return the policy
   */
  public static VerificationPolicy publicKey(PublicKeyMaterial key) {
    return new VerificationPolicy(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
        Optional.of(key));
  }

  /**
   * Starts a keyless policy.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether this is a managed-key policy.
   *
   * @return true when {@link #publicKey()} is present
   */
  public boolean isManagedKey() {
    return publicKey.isPresent();
  }

  /** Builds a keyless {@link VerificationPolicy}. */
  public static final class Builder {
    private String issuer;
    private String san;
    private Pattern sanPattern;
    private final Map<FulcioExtension, String> extensions = new EnumMap<>(FulcioExtension.class);

    private Builder() {
    }

    /**
     * Sets the exact OIDC issuer.
     *
     * @param issuer the issuer URL
     * @return this builder
     */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Sets the exact subject alternative name.
     *
     * @param san the identity
     * @return this builder
     */
    public Builder subjectAlternativeName(String san) {
      this.san = Objects.requireNonNull(san, "san");
      return this;
    }

    /**
     * Sets a pattern the whole subject alternative name must match ({@link
     * java.util.regex.Matcher#matches()}, so it is anchored at both ends).
     *
     * @param pattern the pattern
     * @return this builder
     */
    public Builder subjectAlternativeNamePattern(Pattern pattern) {
      this.sanPattern = Objects.requireNonNull(pattern, "pattern");
      return this;
    }

    /**
     * Requires a Fulcio extension to carry exactly this value.
     *
     * @param extension the extension
     * @param value the value
     * @return this builder
     */
    public Builder requireExtension(FulcioExtension extension, String value) {
      extensions.put(Objects.requireNonNull(extension, "extension"),
          Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if the issuer is missing or neither a SAN, a pattern nor a
     *     required extension was given
     */
    public VerificationPolicy build() {
      return new VerificationPolicy(Optional.ofNullable(issuer), Optional.ofNullable(san),
          Optional.ofNullable(sanPattern), extensions, Optional.empty());
    }
  }
}
