package org.patchstorm.core.results;

import java.io.IOException;

/**
 * A file of the results folder could not be written (a full disk, a failing file system); the
 * message names the file and the system's reason, e.g. "No space left on device".
 */
public final class ResultsWriteFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ResultsWriteFailure(String fileName, IOException cause) {
    super("cannot write " + fileName + ": " + reason(cause), cause);
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
