package org.patchstorm.core.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Renders the HTML reports from Mustache templates (resources beside this class), which escape
 * every value unless a template says otherwise, and embeds PNG charts as data URIs so that each
 * page is one self-contained file.
 */
public final class Html {
  private static final MustacheFactory TEMPLATES =
      new DefaultMustacheFactory("org/patchstorm/core/report/");

  private Html() {}

  /** The page {@code template} (e.g. {@code run.mustache}) filled from {@code scope}. */
  public static String render(String template, Map<String, Object> scope) {
    Mustache mustache;
    synchronized (TEMPLATES) {
      mustache = TEMPLATES.compile(template);
    }
    StringWriter out = new StringWriter();
    mustache.execute(out, scope);
    return out.toString();
  }

  /** A PNG file as a {@code data:} URI, for an {@code <img src>}. */
  public static String pngDataUri(Path png) {
    try {
      return pngDataUri(Files.readAllBytes(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String pngDataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
