package org.patchstorm.core.config;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A look at a HOCON text's braces and brackets before the library parses it, for two answers the
 * parser gives badly: nesting deep enough to overflow its stack (it throws StackOverflowError),
 * and where an unclosed '{' or '[' was opened (it only says the file ended). Quoted strings and
 * comments are skipped; the parser still has the last word on syntax.
 */
final class NestingScan {

  /** Deeper than any sensible experiment, far below what overflows the parser's stack. */
  static final int MAX_DEPTH = 100;

  /** Line of the first opening that exceeds {@link #MAX_DEPTH}, or -1. */
  final int tooDeepLine;
  /** Line of the innermost '{' or '[' still open at the end of the text, or -1. */
  final int unclosedLine;
  final char unclosed;

  private NestingScan(int tooDeepLine, int unclosedLine, char unclosed) {
    this.tooDeepLine = tooDeepLine;
    this.unclosedLine = unclosedLine;
    this.unclosed = unclosed;
  }

  static NestingScan of(String text) {
    Deque<int[]> open = new ArrayDeque<>(); // {char, line}
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (text.startsWith("\"\"\"", i)) {
        int end = text.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        line += count(text, i, end);
        i = end;
      } else if (c == '"') {
        i++;
        while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i = Math.min(n, i + 1);
      } else if (c == '{' || c == '[') {
        open.push(new int[] {c, line});
        if (open.size() > MAX_DEPTH) {
          return new NestingScan(line, -1, ' ');
        }
        i++;
      } else if (c == '}' || c == ']') {
        open.poll();
        i++;
      } else {
        i++;
      }
    }
    int[] last = open.peek();
    return last == null
        ? new NestingScan(-1, -1, ' ')
        : new NestingScan(-1, last[1], (char) last[0]);
  }

  private static int count(String text, int from, int to) {
    int lines = 0;
    for (int i = from; i < Math.min(to, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
