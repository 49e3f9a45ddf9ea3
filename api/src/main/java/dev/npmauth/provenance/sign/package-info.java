/**
 * Provenance generation: the SLSA provenance statement the npm CLI makes for a publish from
 * GitHub Actions or GitLab CI/CD, signed keylessly with Sigstore (an ID token for audience
 * {@code sigstore}, an ephemeral key, a Fulcio certificate, a DSSE envelope, a Rekor entry) and
 * assembled into a Sigstore bundle v0.3 that npm attaches to the publish.
 *
 * <p>Get a {@link dev.npmauth.provenance.sign.ProvenanceSigner} from
 * {@link dev.npmauth.NpmRegistryClient#provenanceSigner()}, or let the publisher call it with
 * {@link dev.npmauth.publish.PublishRequest.Builder#provenance(boolean)}.
 */
package dev.npmauth.provenance.sign;
