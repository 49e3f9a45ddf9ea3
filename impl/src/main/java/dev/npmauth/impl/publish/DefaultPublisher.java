package dev.npmauth.impl.publish;

import dev.npmauth.Credential;
import dev.npmauth.RetryPolicy;
import dev.npmauth.Secret;
import dev.npmauth.credentials.PublishCredentialProvider;
import dev.npmauth.credentials.ResolvedCredential;
import dev.npmauth.impl.http.Answer;
import dev.npmauth.impl.http.RegistryHttp;
import dev.npmauth.impl.json.Json;
import dev.npmauth.provenance.sign.ProvenanceException;
import dev.npmauth.provenance.sign.ProvenanceFailure;
import dev.npmauth.provenance.sign.ProvenanceSigner;
import dev.npmauth.provenance.sign.ProvenanceSubject;
import dev.npmauth.provenance.sign.SignedProvenance;
import dev.npmauth.publish.PublishConflictException;
import dev.npmauth.publish.PublishException;
import dev.npmauth.publish.PublishOutcome;
import dev.npmauth.publish.PublishRequest;
import dev.npmauth.publish.PublishResult;
import dev.npmauth.publish.Publisher;
import dev.npmauth.registry.RegistryErrorKind;
import dev.npmauth.registry.RegistryException;
import dev.npmauth.registry.RegistryUnreachableException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Publishes as {@code npm publish} does, and does better where npm leaves release engineers alone:
 * a publish whose answer was lost (timeout, dropped connection, 5xx) or that the registry refuses
 * as already published is reconciled with the packument — the same integrity is success, another
 * one is a {@link PublishConflictException} — so a version never gets two tarballs and a release
 * never fails falsely.
 */
public final class DefaultPublisher implements Publisher {
  private static final System.Logger LOG = System.getLogger("dev.npmauth.publish");

  private final RegistryHttp http;
  private final PublishCredentialProvider defaultCredentials;
  private final RetryPolicy retryPolicy;
  private final ProvenanceSigner provenanceSigner;

  /**
   * Creates the publisher.
   *
   * @param http the HTTP stack
   * @param defaultCredentials the client's credential chain
   * @param retryPolicy how often and how patiently to repeat a publish whose outcome is unknown
   * @param provenanceSigner signs provenance for requests that ask for it
   */
  public DefaultPublisher(RegistryHttp http, PublishCredentialProvider defaultCredentials, RetryPolicy retryPolicy,
      ProvenanceSigner provenanceSigner) {
    this.http = http;
    this.defaultCredentials = defaultCredentials;
    this.retryPolicy = retryPolicy;
    this.provenanceSigner = provenanceSigner;
  }

  @Override
  public PublishResult publish(PublishRequest request) {
    if (Files.isDirectory(request.source())) {
      try (Packing packed = Packing.pack(request.source())) {
        return publish(request.toBuilder().source(packed.tarball()).build());
      }
    }
    PreparedPublish prepared = prepare(request);
    ResolvedCredential credential = request.credentials().orElse(defaultCredentials).resolve(prepared.name());
    return publishPrepared(prepared, request, credential, checkRegistry(prepared, credential.credential(), request.stage()));
  }

  /**
   * Reads a tarball and checks it.
   *
   * @param request the request, whose source is a tarball
   * @return the prepared publish
   */
  PreparedPublish prepare(PublishRequest request) {
    return PreparedPublish.prepare(TarballContents.read(request.source()), request, http.registry());
  }

  /**
   * What the registry already has, and npm's checks against it: an existing version with the same
   * integrity needs no publish; with another integrity it is a conflict; an implicit latest tag
   * must not move backwards.
   *
   * @param prepared the publish
   * @param credential the credential, to read restricted packages
   * @param staging whether this is a staged publish (the latest check does not apply)
   * @return the versions known, or empty when the packument could not be read (treated like npm:
   *     as no versions)
   * @throws PublishConflictException when the version exists with other bytes
   * @throws PublishException when the latest tag would move backwards
   */
  Optional<KnownVersions> checkRegistry(PreparedPublish prepared, Credential credential, boolean staging) {
    KnownVersions known;
    try {
      known = KnownVersions.fetch(http, prepared.name(), credential, "publish");
    } catch (RegistryException | RegistryUnreachableException e) {
      LOG.log(Level.DEBUG, "could not read the packument of " + prepared.name() + " before publishing: "
          + e.getMessage());
      return Optional.empty();
    }
    Optional<String> existing = known.integrityOf(prepared.version());
    if (existing.isPresent() && !existing.get().equals(prepared.contents().integrity())) {
      throw new PublishConflictException(prepared.name(), prepared.version(), existing.get(),
          prepared.contents().integrity());
    }
    if (existing.isEmpty() && !staging && !prepared.tagGiven() && prepared.tag().equals("latest")) {
      Optional<Semver> highest = known.highestRelease();
      if (highest.isPresent() && highest.get().compareTo(Semver.parse(prepared.version())) > 0) {
        throw new PublishException("cannot implicitly apply the \"latest\" tag to " + prepared.name() + "@"
            + prepared.version() + ": the previously published version " + highest.get()
            + " is higher. Give a tag (for example --tag legacy)");
      }
    }
    return Optional.of(known);
  }

  /**
   * Sends a prepared publish (or stage), unless the registry already has it.
   *
   * @param prepared the publish
   * @param request the request (OTP, dry run, stage)
   * @param credential the credential
   * @param known what the registry had before, if it could be read
   * @return the result
   */
  PublishResult publishPrepared(PreparedPublish prepared, PublishRequest request, ResolvedCredential credential,
      Optional<KnownVersions> known) {
    if (known.flatMap(k -> k.integrityOf(prepared.version())).isPresent()) {
      return prepared.result(PublishOutcome.ALREADY_PUBLISHED_IDENTICAL, credential, Optional.empty());
    }
    if (request.dryRun()) {
      return prepared.result(PublishOutcome.DRY_RUN, credential, Optional.empty());
    }
    if (!request.provenance()) {
      return request.stage() ? stage(prepared, credential) : put(prepared, request, credential);
    }
    // As libnpmpublish: the provenance is made after every check, right before sending, once.
    ensureProvenanceAllowed(prepared, credential.credential());
    SignedProvenance signed = provenanceSigner.sign(
        ProvenanceSubject.fromIntegrity(prepared.name().value(), prepared.version(), prepared.contents().integrity()));
    PublishRequest withBundle = request.toBuilder().provenance(false).provenanceBundle(signed.bundleJson()).build();
    PreparedPublish attached = PreparedPublish.prepare(prepared.contents(), withBundle, http.registry());
    PublishResult result = request.stage() ? stage(attached, credential) : put(attached, withBundle, credential);
    return result.withProvenance(signed);
  }

  /**
   * npm's rule: provenance only for a package published with access public, or one the registry
   * already calls public ({@code GET /-/package/<name>/visibility}; 404 means not public).
   *
   * @throws ProvenanceException {@link ProvenanceFailure#PACKAGE_NOT_PUBLIC} otherwise
   */
  private void ensureProvenanceAllowed(PreparedPublish prepared, Credential credential) {
    if ("public".equals(prepared.document().get("access"))) {
      return;
    }
    boolean isPublic;
    try {
      Answer answer = http.call("GET", http.registryUrl("-/package/" + prepared.name().escaped() + "/visibility"))
          .command("publish")
          .credential(credential)
          .execute();
      isPublic = Boolean.TRUE.equals(answer.json().get("public"));
    } catch (RegistryException e) {
      if (e.status() != 404) {
        throw e;
      }
      isPublic = false;
    } catch (IOException e) {
      isPublic = false;
    }
    if (!isPublic) {
      throw new ProvenanceException(ProvenanceFailure.PACKAGE_NOT_PUBLIC, "can't generate provenance for new or"
          + " private package " + prepared.name() + ", you must set access to public");
    }
  }

  private PublishResult stage(PreparedPublish prepared, ResolvedCredential credential) {
    // npm stage publish never asks for a one-time password: 2FA is deferred to approval
    Answer answer = http.call("POST", http.registryUrl("-/stage/package/" + prepared.name().escaped()))
        .command("stage")
        .credential(credential.credential())
        .retryable(false)
        .body(prepared.body())
        .execute();
    Optional<String> stageId;
    try {
      stageId = Json.string(answer.json(), "stageId");
    } catch (IOException e) {
      stageId = Optional.empty();
    }
    return prepared.result(PublishOutcome.STAGED, credential, stageId);
  }

  private PublishResult put(PreparedPublish prepared, PublishRequest request, ResolvedCredential credential) {
    String operation = "PUT " + prepared.name();
    int retry = 0;
    while (true) {
      RuntimeException failure;
      try {
        OtpRetry.run(operation, request.otp(), request.otpProvider(), otp -> send(prepared, credential, otp));
        return prepared.result(PublishOutcome.PUBLISHED, credential, Optional.empty());
      } catch (RegistryException e) {
        boolean refusedAsExisting = e.status() == 403 || e.status() == 409;
        boolean unknownOutcome = e.kind() == RegistryErrorKind.SERVER_ERROR || e.kind() == RegistryErrorKind.RATE_LIMITED;
        if (!refusedAsExisting && !unknownOutcome) {
          throw e;
        }
        failure = e;
      } catch (RegistryUnreachableException e) {
        failure = e; // the body may have arrived; only the packument can tell
      }
      Optional<PublishResult> reconciled = reconcile(prepared, credential, failure);
      if (reconciled.isPresent()) {
        return reconciled.get();
      }
      boolean refused = failure instanceof RegistryException r && (r.status() == 403 || r.status() == 409);
      if (refused || retry >= retryPolicy.maxRetries()) {
        throw failure;
      }
      Optional<Duration> asked = failure instanceof RegistryException refusal ? refusal.retryAfter() : Optional.empty();
      if (asked.isPresent() && asked.get().compareTo(retryPolicy.maxRetryAfter()) > 0) {
        throw failure; // the registry asks for a longer wait than the policy allows
      }
      retry++;
      Duration wait = asked.orElse(retryPolicy.backoffBefore(retry));
      LOG.log(Level.DEBUG, "publish of " + prepared.name() + "@" + prepared.version() + " not in the registry after "
          + failure.getClass().getSimpleName() + "; sending it again in " + wait.toMillis() + " ms");
      try {
        retryPolicy.sleeper().sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  private Void send(PreparedPublish prepared, ResolvedCredential credential, Secret otp) {
    http.call("PUT", http.registryUrl(prepared.name().escaped()))
        .command("publish")
        .credential(credential.credential())
        .otp(otp)
        .retryable(false) // retried here, after checking whether it took effect
        .body(prepared.body())
        .execute();
    return null;
  }

  /**
   * After a failure whose outcome is unknown: does the registry now hold the version?
   *
   * @return success when it holds the same bytes; empty when it does not hold the version
   * @throws PublishConflictException when it holds other bytes
   */
  private Optional<PublishResult> reconcile(PreparedPublish prepared, ResolvedCredential credential,
      RuntimeException failure) {
    KnownVersions known;
    try {
      known = KnownVersions.fetch(http, prepared.name(), credential.credential(), "publish");
    } catch (RegistryException | RegistryUnreachableException e) {
      failure.addSuppressed(e);
      throw failure;
    }
    Optional<String> published = known.integrityOf(prepared.version());
    if (published.isEmpty()) {
      return Optional.empty();
    }
    if (published.get().equals(prepared.contents().integrity())) {
      LOG.log(Level.DEBUG, prepared.name() + "@" + prepared.version() + " is in the registry with the same integrity"
          + " after " + failure.getClass().getSimpleName() + ": already published, identical");
      return Optional.of(prepared.result(PublishOutcome.ALREADY_PUBLISHED_IDENTICAL, credential, Optional.empty()));
    }
    throw new PublishConflictException(prepared.name(), prepared.version(), published.get(),
        prepared.contents().integrity());
  }
}
