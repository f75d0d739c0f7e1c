package org.patchstorm.actors.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end, in a real headless Chromium (Debian's chromium and chromium-driver;
 * .ci/run installs them): a small live run's page shows rows as they arrive, a restart burst
 * submitted from its form is marked on every chart and the online series drops after the marker,
 * and the folder's experiment.conf replays to the same metrics.csv byte for byte.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {
  @TempDir Path dir;

  /** A program on the PATH, if there. */
  private static Optional<Path> onPath(String... names) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : names) {
        Path p = Path.of(entry, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  private static WebDriver chromium() {
    Optional<Path> browser = onPath("chromium", "chromium-browser");
    Optional<Path> driver = onPath("chromedriver");
    if (browser.isEmpty() || driver.isEmpty()) {
      String missing = "chromium and chromedriver (Debian: apt-get install chromium chromium-driver)";
      if (System.getenv("CI") != null) {
        fail("CI needs " + missing + "; .ci/run installs them");
      }
      Assumptions.abort("needs " + missing);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.get().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,1800");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private static Object js(WebDriver page, String script) {
    return ((JavascriptExecutor) page).executeScript(script);
  }

  private static long rowsOnPage(WebDriver page) {
    return (Long) js(page, "return window.patchstorm.times.length;");
  }

  private static void set(WebElement input, String value) {
    input.clear();
    input.sendKeys(value);
  }

  @Test
  void aBurstFromTheFormIsMarkedDropsOnlineAndReplaysExactly() throws Exception {
    Path file = dir.resolve("live.conf");
    Files.writeString(file, """
        patchstorm {
          experiment { name = live-browser, model = overlay, duration = 5h, report-interval = 1m }
          overlay { peers = 1500 }
        }
        """);
    Path out = dir.resolve("live");
    WebDriver page = chromium();
    try (LiveCliRun run = new LiveCliRun(file.toString(), "--out", out.toString(), "--quiet",
        "--live", "--port", "0", "--linger", "0", "--pace", "300")) {
      page.get(run.url());
      WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(120), Duration.ofMillis(200));
      wait.until(p -> rowsOnPage(p) >= 10);

      WebElement form = page.findElement(By.id("form-burst"));
      set(form.findElement(By.name("fraction")), "0.5");
      new Select(form.findElement(By.name("selector"))).selectByVisibleText("all");
      set(form.findElement(By.name("window")), "1m");
      new Select(form.findElement(By.name("downtime.type"))).selectByVisibleText("uniform");
      set(form.findElement(By.name("downtime.a")), "30m");
      set(form.findElement(By.name("downtime.b")), "40m");
      new Select(form.findElement(By.name("exit"))).selectByVisibleText("crash");
      form.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(p -> !form.findElement(By.cssSelector("[data-ok]")).getText().isEmpty()
          || !form.findElement(By.cssSelector("[data-error]")).getText().isEmpty());
      assertEquals("", form.findElement(By.cssSelector("[data-error]")).getText());
      assertTrue(form.findElement(By.cssSelector("[data-ok]")).getText().startsWith("accepted"));

      double at = ((Number) js(page, "return window.patchstorm.injections.length ? "
          + "window.patchstorm.injections[0].atSeconds : -1;")).doubleValue();
      wait.until(p -> ((Number) js(p, "return window.patchstorm.injections.length;")).intValue() == 1);
      double marker = ((Number) js(page, "return window.patchstorm.injections[0].atSeconds;")).doubleValue();
      assertTrue(at < 0 || at == marker);
      // Rows up to 20 virtual minutes past the marker, then on at full speed.
      wait.until(p -> ((Number) js(p, "var t = window.patchstorm.times; return t.length ? t[t.length - 1] : 0;"))
          .doubleValue() >= marker + 1200);
      @SuppressWarnings("unchecked")
      List<Number> times = (List<Number>) js(page, "return window.patchstorm.times;");
      @SuppressWarnings("unchecked")
      List<Number> online = (List<Number>) js(page, "return window.patchstorm.column('online');");
      double before = Double.NaN;
      double lowestAfter = Double.POSITIVE_INFINITY;
      for (int i = 0; i < times.size(); i++) {
        double t = times.get(i).doubleValue();
        if (t <= marker) {
          before = online.get(i).doubleValue();
        } else if (t <= marker + 1200) {
          lowestAfter = Math.min(lowestAfter, online.get(i).doubleValue());
        }
      }
      assertTrue(before > 100, "peers on line before the burst: " + before);
      assertTrue(lowestAfter < 0.75 * before,
          "online after the marker " + lowestAfter + " against " + before + " before it");
      @SuppressWarnings("unchecked")
      List<Object> marks = (List<Object>) js(page, "return Array.from(document.querySelectorAll("
          + "'.chart:not([hidden]) .uplot')).map(u => u.dataset.markers);");
      assertFalse(marks.isEmpty());
      for (Object m : marks) {
        assertEquals("1", m, "the marker on every chart: " + marks);
      }
      Files.write(dir.resolve("dashboard.png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));

      assertEquals(200, run.post("api/pace", "{\"pace\": 0}").statusCode());
      assertEquals(0, run.exit.get(300, TimeUnit.SECONDS), run.err());
    } finally {
      page.quit();
    }

    String recorded = Files.readString(out.resolve("experiment.conf"));
    assertTrue(recorded.contains("restart-burst"), "the burst is in the folder's experiment");
    CliRun replay = CliRun.of(out.resolve("experiment.conf").toString(), "--out",
        dir.resolve("replay").toString(), "--quiet");
    assertEquals(0, replay.exit(), replay.err());
    assertArrayEquals(Files.readAllBytes(out.resolve("metrics.csv")),
        Files.readAllBytes(dir.resolve("replay").resolve("metrics.csv")),
        "the replay of the live run's experiment.conf gives the same metrics.csv");
  }
}
