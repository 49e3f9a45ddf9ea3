/**
 * The service-provider interface through which {@link dev.npmauth.provenance.Verifiers} and
 * {@link dev.npmauth.provenance.TrustedRoots} find the implementation.
 */
package dev.npmauth.provenance.spi;
