package io.hiraku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the system (Debian's {@code chromium} and {@code chromium-driver}), driven by
 * Selenium, with axe-core from npm ({@code npm ci} installs it into node_modules). Where they are not
 * installed the browser tests are skipped with a message saying how to install them, unless
 * {@code HIRAKU_REQUIRE_BROWSER} is set (as {@code .ci/run} does), when they fail instead.
 */
public final class Browser {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HIRAKU_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("HIRAKU_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");
    /** Selenium warns at each start that it has no DevTools binding for this Chromium; the tests use none. */
    private static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS.setLevel(java.util.logging.Level.SEVERE);
    }

    private Browser() {
    }

    /** Skips the calling test (or fails it under CI) when the browser or axe-core is missing. */
    public static void assumeInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            missing.add("Chromium and its driver (apt-get install chromium chromium-driver)");
        }
        if (!Files.isRegularFile(AXE)) {
            missing.add("axe-core (npm ci)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "browser tests need " + String.join(" and ", missing);
        if (System.getenv("HIRAKU_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException(message + "; HIRAKU_REQUIRE_BROWSER is set, so they may not be skipped");
        }
        Assumptions.abort(message);
    }

    /** A new headless Chromium with its own empty profile, on the machine's closed network. */
    public static ChromeDriver start(Path profile) {
        return start(profile, true);
    }

    /** The same, with JavaScript on or off (to check the pages that must work without it). */
    public static ChromeDriver start(Path profile, boolean javascript) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024", "--lang=ja",
                "--user-data-dir=" + profile.toAbsolutePath());
        if (!javascript) {
            options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /** A screenshot of the page as it is now, to {@code target/screenshots/<name>.png}. */
    public static Path screenshot(ChromeDriver driver, String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Files.createDirectories(Path.of("target/screenshots")).resolve(name + ".png");
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** The axe-core violations of the page (WCAG 2.0/2.1 A and AA rules and best practices). */
    public static List<JsonNode> axeViolations(ChromeDriver driver) throws IOException {
        driver.executeScript(Files.readString(AXE));
        Object result = driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(JSON.stringify(r.violations)), e => done('error: ' + e));");
        String json = String.valueOf(result);
        if (json.startsWith("error:")) {
            throw new IllegalStateException("axe-core failed on " + driver.getCurrentUrl() + ": " + json);
        }
        List<JsonNode> violations = new ArrayList<>();
        new ObjectMapper().readTree(json).forEach(violations::add);
        return violations;
    }

    /** The violations axe-core rates serious or critical, as "rule: help (n nodes: first target)". */
    public static List<String> seriousOrCritical(List<JsonNode> violations) {
        return violations.stream()
                .filter(v -> List.of("serious", "critical").contains(v.path("impact").asText()))
                .map(v -> v.path("id").asText() + ": " + v.path("help").asText() + " (" + v.path("nodes").size()
                        + " nodes: " + v.path("nodes").path(0).path("target") + ")")
                .toList();
    }
}
