package dev.npmauth.tokens;

import dev.npmauth.InvalidPackageNameException;
import dev.npmauth.PackageName;
import dev.npmauth.Secret;
import dev.npmauth.session.TwoFactor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A granular access token to create: every field {@code npm token create} sends, checked before
 * sending. Build one with {@link #builder(Secret)}.
 *
 * <pre>{@code
 * TokenRequest request = TokenRequest.builder(Secret.of(password))
 *     .name("ci-publish")
 *     .description("publish from CI")
 *     .packages("@acme/widgets")
 *     .packagesAndScopesPermission(TokenPermission.READ_WRITE)
 *     .expiresInDays(30)
 *     .cidr("192.0.2.0/24")
 *     .bypass2fa()
 *     .twoFactor(TwoFactor.code(Secret.of("123456")))
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} never shows the password or a one-time password.
 *
 * @param name the token's name; empty sends {@code "name": null}, as npm does
 * @param password the account password, which the registry asks for (always sent)
 * @param description the description ({@code --token-description})
 * @param packages the packages it is limited to
 * @param packagesAll whether it covers every package ({@code --packages-all})
 * @param scopes the scopes it is limited to, sent as given ({@code @acme} or {@code acme})
 * @param orgs the organizations it may manage
 * @param packagesAndScopesPermission its permission on the packages and scopes
 * @param orgsPermission its permission on the organizations
 * @param expiresInDays its lifetime in days; empty lets the registry decide
 * @param cidrWhitelist the IPv4 ranges it may be used from
 * @param bypass2fa whether it skips two-factor authentication on writes
 * @param twoFactor the one-time password for creating it, when the account has 2FA
 * @param limits the registry limits it was checked against (not sent)
 */
public record TokenRequest(
    Optional<String> name,
    Secret password,
    Optional<String> description,
    List<PackageName> packages,
    boolean packagesAll,
    List<String> scopes,
    List<String> orgs,
    Optional<TokenPermission> packagesAndScopesPermission,
    Optional<TokenPermission> orgsPermission,
    Optional<Integer> expiresInDays,
    List<String> cidrWhitelist,
    boolean bypass2fa,
    TwoFactor twoFactor,
    TokenLimits limits) {

  private static final Pattern SCOPE = Pattern.compile("@?[a-z0-9~-][a-z0-9._~-]*");
  private static final Pattern ORG = Pattern.compile("[a-z0-9~-][a-z0-9._~-]*");
  private static final Pattern IPV4_CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  /**
   * Copies the lists and checks every rule.
   *
   * @throws InvalidTokenRequestException naming the first broken {@link TokenRule}
   * @throws NullPointerException if a component is null
   */
  public TokenRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(packagesAndScopesPermission, "packagesAndScopesPermission");
    Objects.requireNonNull(orgsPermission, "orgsPermission");
    Objects.requireNonNull(expiresInDays, "expiresInDays");
    Objects.requireNonNull(twoFactor, "twoFactor");
    Objects.requireNonNull(limits, "limits");
    if (password == null) {
      throw new InvalidTokenRequestException(TokenRule.PASSWORD_REQUIRED, "no password given");
    }
    packages = List.copyOf(new LinkedHashSet<>(packages));
    scopes = List.copyOf(new LinkedHashSet<>(scopes));
    orgs = List.copyOf(new LinkedHashSet<>(orgs));
    cidrWhitelist = List.copyOf(cidrWhitelist);
    if (name.isPresent() && name.get().isBlank()) {
      throw new InvalidTokenRequestException(TokenRule.TEXT_NOT_BLANK, "the name is blank");
    }
    if (description.isPresent() && description.get().isBlank()) {
      throw new InvalidTokenRequestException(TokenRule.TEXT_NOT_BLANK, "the description is blank");
    }
    for (String scope : scopes) {
      if (!SCOPE.matcher(scope).matches()) {
        throw new InvalidTokenRequestException(TokenRule.SCOPE_NAME_VALID, "\"" + scope + "\" is not a scope name");
      }
    }
    for (String org : orgs) {
      if (!ORG.matcher(org).matches()) {
        throw new InvalidTokenRequestException(TokenRule.ORG_NAME_VALID, "\"" + org + "\" is not an organization name");
      }
    }
    if (packagesAll && (!packages.isEmpty() || !scopes.isEmpty())) {
      throw new InvalidTokenRequestException(TokenRule.PACKAGES_ALL_EXCLUSIVE,
          "packagesAll was set together with " + packages.size() + " package(s) and " + scopes.size() + " scope(s)");
    }
    if (packages.size() + scopes.size() > limits.maxPackagesAndScopes()) {
      throw new InvalidTokenRequestException(TokenRule.SELECTION_WITHIN_LIMIT, (packages.size() + scopes.size())
          + " packages and scopes were named; the limit is " + limits.maxPackagesAndScopes());
    }
    if (orgs.size() > limits.maxOrgs()) {
      throw new InvalidTokenRequestException(TokenRule.SELECTION_WITHIN_LIMIT,
          orgs.size() + " organizations were named; the limit is " + limits.maxOrgs());
    }
    if (expiresInDays.isPresent()) {
      int days = expiresInDays.get();
      if (days < 1) {
        throw new InvalidTokenRequestException(TokenRule.EXPIRY_POSITIVE, "expires is " + days + " days");
      }
      boolean write = packagesAndScopesPermission.orElse(null) == TokenPermission.READ_WRITE
          || orgsPermission.orElse(null) == TokenPermission.READ_WRITE;
      if (write && days > limits.maxWriteLifetimeDays()) {
        throw new InvalidTokenRequestException(TokenRule.WRITE_EXPIRY_WITHIN_LIMIT, "a read-write token was asked to live "
            + days + " days; the limit is " + limits.maxWriteLifetimeDays() + " days");
      }
    }
    for (String cidr : cidrWhitelist) {
      checkCidr(cidr);
    }
  }

  private static void checkCidr(String cidr) {
    if (cidr.contains(":")) {
      throw new InvalidTokenRequestException(TokenRule.CIDR_IPV4_ONLY,
          "CIDR whitelist can only contain IPv4 addresses, " + cidr + " is IPv6");
    }
    Matcher m = IPV4_CIDR.matcher(cidr);
    boolean valid = m.matches() && Integer.parseInt(m.group(5)) <= 32;
    for (int i = 1; valid && i <= 4; i++) {
      valid = Integer.parseInt(m.group(i)) <= 255;
    }
    if (!valid) {
      throw new InvalidTokenRequestException(TokenRule.CIDR_VALID, "CIDR whitelist contains invalid CIDR entry: " + cidr);
    }
  }

  /**
   * Whether the token will have write permission (on packages and scopes, or on organizations).
   *
   * @return true for a read-write token
   */
  public boolean grantsWrite() {
    return packagesAndScopesPermission.orElse(null) == TokenPermission.READ_WRITE
        || orgsPermission.orElse(null) == TokenPermission.READ_WRITE;
  }

  /**
   * Starts a request.
   *
   * @param password the account password, which the registry asks for to create a token
   * @return a builder; nothing is limited until you say so
   */
  public static Builder builder(Secret password) {
    return new Builder(password);
  }

  /**
   * A builder with this request's values, to change some.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(password);
    b.name = name.orElse(null);
    b.description = description.orElse(null);
    packages.forEach(p -> b.packages.add(p.value()));
    b.packagesAll = packagesAll;
    b.scopes.addAll(scopes);
    b.orgs.addAll(orgs);
    b.packagesAndScopesPermission = packagesAndScopesPermission.orElse(null);
    b.orgsPermission = orgsPermission.orElse(null);
    b.expiresInDays = expiresInDays.orElse(null);
    b.cidrWhitelist.addAll(cidrWhitelist);
    b.bypass2fa = bypass2fa;
    b.twoFactor = twoFactor;
    b.limits = limits;
    return b;
  }

  /** Shows what the token will be allowed, never the password or one-time password. */
  @Override
  public String toString() {
    return "TokenRequest[name=" + name.orElse("(none)") + description.map(d -> ", description=" + d).orElse("")
        + (packages.isEmpty() ? "" : ", packages=" + packages) + (packagesAll ? ", all packages" : "")
        + (scopes.isEmpty() ? "" : ", scopes=" + scopes) + (orgs.isEmpty() ? "" : ", orgs=" + orgs)
        + packagesAndScopesPermission.map(p -> ", packages and scopes " + p.wireValue()).orElse("")
        + orgsPermission.map(p -> ", orgs " + p.wireValue()).orElse("")
        + expiresInDays.map(d -> ", expires in " + d + " days").orElse("")
        + (cidrWhitelist.isEmpty() ? "" : ", cidr=" + cidrWhitelist) + (bypass2fa ? ", bypasses 2FA" : "")
        + ", password " + password.redacted() + "]";
  }

  /** Builds a {@link TokenRequest}; {@link #build()} checks it. */
  public static final class Builder {
    private final Secret password;
    private String name;
    private String description;
    private final List<String> packages = new ArrayList<>();
    private boolean packagesAll;
    private final List<String> scopes = new ArrayList<>();
    private final List<String> orgs = new ArrayList<>();
    private TokenPermission packagesAndScopesPermission;
    private TokenPermission orgsPermission;
    private Integer expiresInDays;
    private final List<String> cidrWhitelist = new ArrayList<>();
    private boolean bypass2fa;
    private TwoFactor twoFactor = TwoFactor.none();
    private TokenLimits limits = TokenLimits.NPMJS;

    private Builder(Secret password) {
      this.password = password;
    }

    /**
     * Names the token ({@code --name}).
     *
     * @param value the name
     * @return this builder
     */
    public Builder name(String value) {
      this.name = Objects.requireNonNull(value, "name");
      return this;
    }

    /**
     * Describes the token ({@code --token-description}).
     *
     * @param value the description
     * @return this builder
     */
    public Builder description(String value) {
      this.description = Objects.requireNonNull(value, "description");
      return this;
    }

    /**
     * Limits the token to these packages ({@code --packages}); adds to earlier calls.
     *
     * @param names package names
     * @return this builder
     */
    public Builder packages(String... names) {
      packages.addAll(List.of(names));
      return this;
    }

    /**
     * Gives the token every package ({@code --packages-all}).
     *
     * @return this builder
     */
    public Builder packagesAll() {
      this.packagesAll = true;
      return this;
    }

    /**
     * Limits the token to these scopes ({@code --scopes}); sent as given.
     *
     * @param names for example {@code @acme}
     * @return this builder
     */
    public Builder scopes(String... names) {
      scopes.addAll(List.of(names));
      return this;
    }

    /**
     * Lets the token manage these organizations ({@code --orgs}).
     *
     * @param names organization names
     * @return this builder
     */
    public Builder orgs(String... names) {
      orgs.addAll(List.of(names));
      return this;
    }

    /**
     * Sets the permission on the packages and scopes.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder packagesAndScopesPermission(TokenPermission value) {
      this.packagesAndScopesPermission = Objects.requireNonNull(value, "packagesAndScopesPermission");
      return this;
    }

    /**
     * Sets the permission on the organizations.
     *
     * @param value the permission
     * @return this builder
     */
    public Builder orgsPermission(TokenPermission value) {
      this.orgsPermission = Objects.requireNonNull(value, "orgsPermission");
      return this;
    }

    /**
     * Sets the lifetime ({@code --expires}).
     *
     * @param days at least 1
     * @return this builder
     */
    public Builder expiresInDays(int days) {
      this.expiresInDays = days;
      return this;
    }

    /**
     * Allows the token only from these IPv4 ranges ({@code --cidr}).
     *
     * @param ranges for example {@code 192.0.2.0/24}
     * @return this builder
     */
    public Builder cidr(String... ranges) {
      cidrWhitelist.addAll(List.of(ranges));
      return this;
    }

    /**
     * Lets the token skip two-factor authentication on writes ({@code --bypass-2fa}).
     *
     * @return this builder
     */
    public Builder bypass2fa() {
      this.bypass2fa = true;
      return this;
    }

    /**
     * Sets how the one-time password for creating the token is given.
     *
     * @param value for example {@code TwoFactor.code(Secret.of("123456"))}
     * @return this builder
     */
    public Builder twoFactor(TwoFactor value) {
      this.twoFactor = Objects.requireNonNull(value, "twoFactor");
      return this;
    }

    /**
     * Sets the registry limits to check against (default {@link TokenLimits#NPMJS}).
     *
     * @param value the limits
     * @return this builder
     */
    public Builder limits(TokenLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Copies the rights a listed token has (packages, scopes, organizations, permissions, CIDR
     * ranges, 2FA bypass, description); the name, lifetime and one-time password are left as
     * they are.
     *
     * @param token a token from {@link Tokens#list}
     * @return this builder
     */
    public Builder sameRightsAs(TokenInfo token) {
      token.description().ifPresent(d -> this.description = d);
      packages.addAll(token.packages());
      packagesAll = token.packagesAll();
      scopes.addAll(token.scopes());
      orgs.addAll(token.orgs());
      packagesAndScopesPermission = token.packagesAndScopesPermission()
          .orElse(token.readOnly() ? TokenPermission.READ_ONLY : TokenPermission.READ_WRITE);
      orgsPermission = token.orgsPermission().orElse(null);
      cidrWhitelist.addAll(token.cidrWhitelist());
      bypass2fa = token.bypass2fa();
      return this;
    }

    /**
     * Checks and builds the request.
     *
     * @return the request
     * @throws InvalidTokenRequestException naming the first broken {@link TokenRule}; a package
     *     name that breaks npm's rules is reported with {@link TokenRule#PACKAGE_NAME_VALID}
     */
    public TokenRequest build() {
      List<PackageName> names = new ArrayList<>();
      for (String p : packages) {
        try {
          names.add(PackageName.of(p));
        } catch (InvalidPackageNameException e) {
          throw new InvalidTokenRequestException(TokenRule.PACKAGE_NAME_VALID, e.getMessage());
        }
      }
      return new TokenRequest(Optional.ofNullable(name), password, Optional.ofNullable(description), names,
          packagesAll, scopes, orgs, Optional.ofNullable(packagesAndScopesPermission), Optional.ofNullable(orgsPermission),
          Optional.ofNullable(expiresInDays), cidrWhitelist, bypass2fa, twoFactor, limits);
    }
  }
}
