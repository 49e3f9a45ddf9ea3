package dev.npmauth.impl.verify;

/** A document verification needed could not be had; the message says which and why. */
final class FetchFailure extends Exception {
  private static final long serialVersionUID = 1L;

  FetchFailure(String message) {
    super(message);
  }
}
