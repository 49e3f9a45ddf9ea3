/**
 * A fake npm registry for tests, with fake GitHub Actions, GitLab and CircleCI identity providers.
 *
 * <p>Start one with {@link dev.npmauth.testkit.FakeRegistry#start()}; it is written from the npm
 * registry protocol, never from npmauth's own client code. Packages under {@code
 * dev.npmauth.testkit.internal} are implementation details, not API.
 */
package dev.npmauth.testkit;
