package dev.npmauth.session;

import dev.npmauth.Credential;
import dev.npmauth.Secret;
import java.nio.file.Path;

/**
 * Human sessions on this client's registry: log in, ask who a credential belongs to, log out,
 * and keep the session token in {@code .npmrc} the way {@code npm login} does. A session is a
 * {@link Credential} of kind {@link dev.npmauth.CredentialKind#SESSION}, valid two hours.
 *
 * <pre>{@code
 * Sessions sessions = client.sessions();
 * Credential session;
 * try {
 *   session = sessions.webLogin(WebLoginOptions.opening(url -> System.err.println("Login at:\n" + url)));
 * } catch (LoginException e) {
 *   if (e.reason() != LoginFailure.WEB_LOGIN_NOT_SUPPORTED) throw e;
 *   session = sessions.legacyLogin("alice", password, TwoFactor.ask(otpFromConsole));
 * }
 * System.out.println("logged in as " + sessions.whoami(session));
 * sessions.saveToNpmrc(session, sessions.userNpmrc());
 * }</pre>
 */
public interface Sessions {

  /**
   * Logs in through the browser: {@code POST /-/v1/login}, hands the login URL to the handler,
   * then polls the done URL, waiting as its {@code 202} answers' {@code Retry-After} says (at
   * least {@link WebLoginOptions#minimumPollInterval()}), until it gives a token or the timeout
   * passes. A done URL on {@code registry.npmjs.org} is redirected to this client's registry, as
   * npm does for mirrors.
   *
   * @param options the handler, timeout and polling bounds
   * @return the session credential, expiring two hours after the login
   * @throws LoginException {@link LoginFailure#WEB_LOGIN_NOT_SUPPORTED} when the registry has no
   *     web login (fall back to {@link #legacyLogin}), {@link LoginFailure#TIMED_OUT}, {@link
   *     LoginFailure#INVALID_RESPONSE} or {@link LoginFailure#INTERRUPTED}
   * @throws dev.npmauth.registry.RegistryException for another refusal while polling
   * @throws dev.npmauth.registry.RegistryUnreachableException when the registry does not answer
   */
  Credential webLogin(WebLoginOptions options);

  /**
   * Logs in with a user name and password: {@code PUT /-/user/org.couchdb.user:<name>} with the
   * CouchDB user document npm sends; when the registry answers 409 (the user exists, as Verdaccio
   * answers), reads the document and logs in again with HTTP Basic authentication, as npm does. A
   * one-time password is sent when given or asked for.
   *
   * @param username the user name
   * @param password the password (sent in the request body, as npm sends it)
   * @param twoFactor the one-time password setting, for accounts with 2FA
   * @return the session credential, expiring two hours after the login
   * @throws LoginException {@link LoginFailure#NO_SUCH_USER}, {@link
   *     LoginFailure#BAD_CREDENTIALS} or {@link LoginFailure#INVALID_RESPONSE}
   * @throws dev.npmauth.registry.OtpRequiredException when the account needs a one-time password
   *     and none was given or provided
   * @throws IllegalArgumentException if the user name is blank
   */
  Credential legacyLogin(String username, Secret password, TwoFactor twoFactor);

  /**
   * The user a credential belongs to ({@code GET /-/whoami}).
   *
   * @param credential the credential
   * @return the user name
   * @throws dev.npmauth.registry.RegistryException when the registry refuses the credential
   * @throws dev.npmauth.NpmAuthException when the answer has no user name (Verdaccio answers
   *     {@code {}} to an unknown token)
   */
  String whoami(Credential credential);

  /**
   * Ends a session: {@code DELETE /-/user/token/<token>} authenticated with the same token, which
   * the registry then refuses. The token sits in the URL path, and is redacted from logs. For a
   * user name and password ({@link dev.npmauth.CredentialKind#LEGACY_BASIC}) nothing is sent, as
   * npm sends nothing.
   *
   * @param credential the session to end
   * @throws dev.npmauth.registry.RegistryException when the registry refuses
   */
  void logout(Credential credential);

  /**
   * The user {@code .npmrc} npm reads and {@code npm login} writes: {@code
   * NPM_CONFIG_USERCONFIG}, else {@code $HOME/.npmrc}.
   *
   * @return the file (it may not exist yet)
   * @throws dev.npmauth.config.NpmConfigException when neither variable is set
   */
  Path userNpmrc();

  /**
   * Writes {@code //host/path/:_authToken=<token>} for this client's registry into an {@code
   * .npmrc}, replacing that key's line and keeping every other line and comment; the file is
   * written atomically, keeps its permissions, and is created readable by its owner only.
   *
   * @param credential a bearer credential (a session or a token)
   * @param npmrc the file
   * @throws IllegalArgumentException for a {@link dev.npmauth.CredentialKind#LEGACY_BASIC}
   *     credential
   * @throws dev.npmauth.config.NpmConfigException when the file cannot be read or written
   */
  void saveToNpmrc(Credential credential, Path npmrc);

  /**
   * Removes this client's registry's {@code _authToken} line from an {@code .npmrc}, keeping
   * everything else, as {@code npm logout} does.
   *
   * @param npmrc the file
   * @return true when a line was removed
   * @throws dev.npmauth.config.NpmConfigException when the file cannot be read or written
   */
  boolean removeFromNpmrc(Path npmrc);
}
