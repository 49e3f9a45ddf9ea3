/**
 * Human sessions: logging in to a registry (npm's web login, or the legacy CouchDB login with a
 * user name and password), {@code whoami}, logging out, keeping the session token in
 * {@code .npmrc}, and the one-time passwords of accounts with two-factor authentication.
 *
 * <pre>{@code
 * Credential session = client.sessions().webLogin(WebLoginOptions.opening(url -> System.out.println("Login at: " + url)));
 * client.sessions().saveToNpmrc(session, client.sessions().userNpmrc());
 * }</pre>
 */
package dev.npmauth.session;
