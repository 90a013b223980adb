package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for the console's tests: Debian's {@code chromium} driven through its
 * {@code chromium-driver}, headless, at a laptop's screen size. Missing, it fails the test in CI
 * (the environment has {@code CI} set; {@code .ci/run} installs both) and skips it elsewhere, saying
 * what to install: {@code mvn verify} on a fresh machine needs only a JDK and Maven.
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of(System.getProperty("test.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("test.chromedriver", "/usr/bin/chromedriver"));
    /** A common laptop screen. */
    static final int WIDTH = 1366;
    static final int HEIGHT = 768;

    private HeadlessChromium() {
    }

    /** Fails in CI, skips elsewhere, when the browser or its driver is not installed. */
    static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(BROWSER)) {
            missing.add("the browser " + BROWSER + " (Debian package chromium)");
        }
        if (!Files.isExecutable(DRIVER)) {
            missing.add("its driver " + DRIVER + " (Debian package chromium-driver)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "the console's browser test needs " + String.join(" and ", missing)
                + ": install them with 'apt-get install -y chromium chromium-driver', or point"
                + " -Dtest.chromium and -Dtest.chromedriver at another Chromium and its driver";
        if (inCi()) {
            fail(message + " (CI is set, so this is a failure, not a skip)");
        }
        Assumptions.abort(message + " (skipped: CI is not set)");
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--lang=en-US", "--window-size=" + WIDTH + "," + HEIGHT);
        options.setPageLoadTimeout(Duration.ofSeconds(30));
        options.setScriptTimeout(Duration.ofSeconds(30));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("TZ", "UTC")).build();
        return new ChromeDriver(service, options);
    }

    /** The page as it is on the screen now, into {@code folder/name.png}. */
    static void screenshot(ChromeDriver driver, Path folder, String name) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + name, e);
        }
    }
}
