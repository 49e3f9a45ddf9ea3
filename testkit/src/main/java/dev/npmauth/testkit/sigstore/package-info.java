/**
 * A fake Sigstore (Fulcio, Rekor, a CT log and a timestamp authority) for testing keyless
 * signing and provenance: {@link dev.npmauth.testkit.sigstore.FakeSigstore}. Written from the
 * Sigstore formats and service APIs, never from npmauth's own client.
 */
package dev.npmauth.testkit.sigstore;
