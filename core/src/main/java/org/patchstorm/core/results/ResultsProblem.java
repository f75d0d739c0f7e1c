package org.patchstorm.core.results;

/** The results folder cannot be created or finished; the message is one paragraph for the user. */
public final class ResultsProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ResultsProblem(String message) {
    super(message);
  }

  public ResultsProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
