package dev.npmauth.impl.oidc;

import dev.npmauth.Credential;
import dev.npmauth.CredentialKind;
import dev.npmauth.Environment;
import dev.npmauth.PackageName;
import dev.npmauth.RegistryUrl;
import dev.npmauth.Secret;
import dev.npmauth.impl.http.Answer;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.oidc.CiProvider;
import dev.npmauth.oidc.DiagnosisCheck;
import dev.npmauth.oidc.DiagnosisCheck.Status;
import dev.npmauth.oidc.GitHubIdentity;
import dev.npmauth.oidc.IdTokenSource;
import dev.npmauth.oidc.PresentedIdentity;
import dev.npmauth.oidc.TrustedPublishing;
import dev.npmauth.oidc.TrustedPublishingDiagnosis;
import dev.npmauth.oidc.TrustedPublishingException;
import dev.npmauth.oidc.TrustedPublishingFailure;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trusted publishing as the npm CLI does it, with every silent failure of the CLI turned into a
 * named reason. {@link #exchange} and {@link #diagnose} run the same steps; the first stops at the
 * first failure, the second records every step.
 */
public final class DefaultTrustedPublishing implements TrustedPublishing {
  private final RegistryHttp http;
  private final RegistryUrl registry;
  private final CiDetector detector;
  private final Environment environment;
  private final IdTokenSource source;
  private final String sourceDescription;
  private final boolean sourceGivenByCaller;
  private final IssuerKeys issuerKeys;
  private final Clock clock;

  /**
   * Creates the capability.
   *
   * @param http the HTTP stack
   * @param environment the environment
   * @param givenSource a caller's ID token source, or empty for the default one
   * @param issuerJwks JWKS URLs by issuer, for local signature checks
   * @param clock the clock
   */
  public DefaultTrustedPublishing(RegistryHttp http, Environment environment, Optional<IdTokenSource> givenSource,
      Map<String, URI> issuerJwks, Clock clock) {
    this.http = http;
    this.registry = http.registry();
    this.environment = environment;
    this.detector = new CiDetector(environment);
    DefaultIdTokenSource defaultSource = new DefaultIdTokenSource(environment, detector, http);
    this.source = givenSource.orElse(defaultSource);
    this.sourceGivenByCaller = givenSource.isPresent();
    this.sourceDescription = givenSource.isPresent() ? "the caller's ID token source" : defaultSource.describe();
    this.issuerKeys = new IssuerKeys(issuerJwks, http);
    this.clock = clock;
  }

  @Override
  public Optional<CiProvider> detectCi() {
    return detector.detect();
  }

  /**
   * Whether trusted publishing can be tried at all: a CI is detected or the caller gave a source.
   *
   * @return true when worth trying
   */
  public boolean applicable() {
    return sourceGivenByCaller || detector.detect().isPresent();
  }

  @Override
  public Credential exchange(PackageName packageName) {
    Run run = new Run(packageName, false);
    run.execute();
    if (run.failure != null) {
      throw run.failure;
    }
    return run.credential;
  }

  @Override
  public TrustedPublishingDiagnosis diagnose(PackageName packageName) {
    Run run = new Run(packageName, true);
    run.execute();
    return new TrustedPublishingDiagnosis(packageName, registry, detector.detect(), run.checks,
        Optional.ofNullable(run.token).map(ParsedIdToken::identity));
  }

  /** One pass through the steps for one package. */
  private final class Run {
    private final PackageName packageName;
    private final boolean diagnosing;
    private final List<DiagnosisCheck> checks = new ArrayList<>();
    private TrustedPublishingException failure;
    private ParsedIdToken token;
    private boolean selfHosted;
    private Credential credential;

    Run(PackageName packageName, boolean diagnosing) {
      this.packageName = packageName;
      this.diagnosing = diagnosing;
    }

    void execute() {
      step("CI", this::checkCi);
      step("ID token", this::obtainToken);
      step("ID token expiry", this::checkExpiry);
      step("ID token audience", this::checkAudience);
      step("ID token issuer", this::checkIssuer);
      step("ID token signature", this::checkSignature);
      step("runner", this::checkRunner);
      step("token exchange", this::exchangeToken);
    }

    private void step(String name, Step step) {
      if (failure != null) {
        if (diagnosing) {
          checks.add(new DiagnosisCheck(name, Status.SKIPPED, "not checked: an earlier step failed", Optional.empty()));
        }
        return;
      }
      try {
        checks.add(step.run(name));
      } catch (TrustedPublishingException e) {
        failure = e;
        checks.add(new DiagnosisCheck(name, Status.FAILED, e.detail()
            + e.registryMessage().map(m -> " (registry: " + m + ")").orElse(""), Optional.of(e.reason())));
      }
    }

    private DiagnosisCheck checkCi(String name) {
      if (sourceGivenByCaller) {
        return passed(name, "ID token given by the caller" + detector.detect().map(p -> " (in " + p.displayName() + ")").orElse(""));
      }
      if (detector.disabledByCiFalse()) {
        throw new TrustedPublishingException(TrustedPublishingFailure.CI_DETECTION_DISABLED, "CI=false is set");
      }
      CiProvider ci = detector.detect().orElseThrow(() -> new TrustedPublishingException(
          TrustedPublishingFailure.NOT_IN_CI, "none of GITHUB_ACTIONS, GITLAB_CI, CIRCLECI is set"));
      return passed(name, ci.displayName() + " (" + ci.detectionVariable() + " is set)");
    }

    private DiagnosisCheck obtainToken(String name) {
      Secret raw = source.idToken(registry.oidcAudience()).orElseThrow(() -> new TrustedPublishingException(
          TrustedPublishingFailure.NO_ID_TOKEN, sourceDescription + " gave no ID token"));
      token = ParsedIdToken.parse(raw, detector.detect());
      return passed(name, "obtained from " + sourceDescription + ": a " + token.jwt().getHeader().getAlgorithm()
          + " JWT from " + token.claims().getIssuer());
    }

    private DiagnosisCheck checkExpiry(String name) {
      Optional<Instant> expires = token.identity().expiresAt();
      if (expires.isEmpty()) {
        return new DiagnosisCheck(name, Status.WARNING, "the token has no exp claim; the registry may refuse it",
            Optional.empty());
      }
      Instant now = clock.instant();
      if (!now.isBefore(expires.get())) {
        throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_EXPIRED,
            "the ID token expired at " + expires.get() + ", " + Duration.between(expires.get(), now).toSeconds()
                + " s ago", token.identity(), null, null, null);
      }
      return passed(name, "valid until " + expires.get() + " (" + Duration.between(now, expires.get()).toSeconds()
          + " s left)");
    }

    private DiagnosisCheck checkAudience(String name) {
      List<String> audience = token.identity().audience();
      String wanted = registry.oidcAudience();
      if (!audience.contains(wanted)) {
        throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_WRONG_AUDIENCE,
            "the ID token's audience is " + audience + "; this registry needs " + wanted, token.identity(), null,
            null, null);
      }
      return passed(name, wanted);
    }

    private DiagnosisCheck checkIssuer(String name) {
      String issuer = token.claims().getIssuer();
      CiProvider provider = token.identity().provider();
      boolean trusted = issuerKeys.knows(issuer) || switch (provider) {
        case GITHUB_ACTIONS -> issuer.equals(ParsedIdToken.GITHUB_ISSUER);
        case GITLAB -> issuer.equals(ParsedIdToken.GITLAB_ISSUER);
        case CIRCLECI -> issuer.startsWith(ParsedIdToken.CIRCLECI_ISSUER_PREFIX);
      };
      if (!trusted) {
        String expected = switch (provider) {
          case GITHUB_ACTIONS -> ParsedIdToken.GITHUB_ISSUER;
          case GITLAB -> ParsedIdToken.GITLAB_ISSUER;
          case CIRCLECI -> ParsedIdToken.CIRCLECI_ISSUER_PREFIX + "<organization id>";
        };
        throw new TrustedPublishingException(TrustedPublishingFailure.ID_TOKEN_UNTRUSTED_ISSUER,
            "the ID token was issued by " + issuer + "; for " + provider.displayName() + " npm accepts " + expected,
            token.identity(), null, null, null);
      }
      return passed(name, issuer + " (" + provider.displayName() + ")");
    }

    private DiagnosisCheck checkSignature(String name) {
      Optional<String> verified = issuerKeys.verify(token);
      return verified.map(detail -> passed(name, detail)).orElseGet(() -> new DiagnosisCheck(name, Status.SKIPPED,
          "not checked here (no JWKS configured for " + token.claims().getIssuer() + "); the registry checks it",
          Optional.empty()));
    }

    private DiagnosisCheck checkRunner(String name) {
      if (!(token.identity() instanceof GitHubIdentity github)) {
        return new DiagnosisCheck(name, Status.SKIPPED, "only GitHub Actions tokens name their runner", Optional.empty());
      }
      String runner = github.runnerEnvironment().or(() -> environment.nonEmpty("RUNNER_ENVIRONMENT")).orElse("unknown");
      if (runner.equals("self-hosted")) {
        selfHosted = true;
        return new DiagnosisCheck(name, Status.WARNING, "self-hosted runner: npm accepts trusted publishing from"
            + " GitHub-hosted runners only", Optional.of(TrustedPublishingFailure.SELF_HOSTED_RUNNER));
      }
      return passed(name, runner);
    }

    private DiagnosisCheck exchangeToken(String name) {
      var url = http.originUrl("-/npm/v1/oidc/token/exchange/package/" + packageName.escaped());
      Answer answer;
      try {
        answer = http.call("POST", url)
            .command("publish")
            .credential(Credential.granular(token.token()))
            .retryable(true)
            .execute();
      } catch (RegistryException e) {
        int status = e.status();
        TrustedPublishingFailure reason;
        String detail;
        if (status >= 500 || status == 429 || status == 408) {
          reason = TrustedPublishingFailure.EXCHANGE_FAILED;
          detail = "the registry failed the exchange for " + packageName;
        } else if (selfHosted) {
          reason = TrustedPublishingFailure.SELF_HOSTED_RUNNER;
          detail = "the registry refused the exchange for " + packageName + " from a self-hosted runner";
        } else if (status == 401 || status == 400) {
          reason = TrustedPublishingFailure.ID_TOKEN_REJECTED;
          detail = "the registry did not accept the ID token for " + packageName;
        } else {
          reason = TrustedPublishingFailure.NO_MATCHING_TRUSTED_PUBLISHER;
          detail = "no trusted publisher of " + packageName + " matches the claims presented";
        }
        throw new TrustedPublishingException(reason, detail, token.identity(), status,
            e.registryMessage().orElse(null), e);
      } catch (RegistryUnreachableException e) {
        throw new TrustedPublishingException(TrustedPublishingFailure.EXCHANGE_FAILED,
            "the registry did not answer the exchange (" + (e.timedOut() ? "timed out" : "no answer") + ")",
            token.identity(), null, null, e);
      }
      Map<String, Object> body;
      try {
        body = answer.json();
      } catch (IOException e) {
        throw new TrustedPublishingException(TrustedPublishingFailure.EXCHANGE_WITHOUT_TOKEN,
            "the registry answered " + answer.status() + " with a body that is not a JSON object", token.identity(),
            answer.status(), null, null);
      }
      Optional<String> issued = Json.string(body, "token").filter(t -> !t.isBlank());
      if (issued.isEmpty()) {
        throw new TrustedPublishingException(TrustedPublishingFailure.EXCHANGE_WITHOUT_TOKEN,
            "the registry answered " + answer.status() + " without a token", token.identity(), answer.status(),
            Json.string(body, "message").orElse(null), null);
      }
      Optional<Instant> expires = expiryOf(body);
      credential = new Credential(CredentialKind.OIDC_EXCHANGED, Secret.of(issued.get()), expires,
          Optional.of(packageName));
      return passed(name, "the registry issued a token that may publish " + packageName
          + expires.map(e -> " until " + e).orElse(""));
    }

    private DiagnosisCheck passed(String name, String detail) {
      return new DiagnosisCheck(name, Status.PASSED, detail, Optional.empty());
    }
  }

  private static Optional<Instant> expiryOf(Map<String, Object> body) {
    for (String field : List.of("expires", "expires_at", "expiresAt")) {
      Optional<String> value = Json.string(body, field);
      if (value.isPresent()) {
        try {
          return Optional.of(Instant.parse(value.get()));
        } catch (DateTimeParseException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @FunctionalInterface
  private interface Step {
    DiagnosisCheck run(String name);
  }
}
