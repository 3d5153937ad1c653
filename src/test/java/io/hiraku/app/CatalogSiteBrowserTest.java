package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hiraku.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The catalog site in a real headless Chromium: the example drops plus a dataset whose title,
 * description, column names and cells are markup, published by {@code publish --once}, served by
 * {@code serve}'s server on 127.0.0.1, searched, filtered, opened, switched to English and checked by
 * axe-core.
 */
class CatalogSiteBrowserTest {
    private static final String TOILETS = "公衆トイレ一覧（焼津市）";
    private static final String HOSTILE_TITLE = "<script>window.__xss='title'</script> \"引用\" & 'single' 記号";
    private static final String WITHDRAWAL_REASON = "<img src=x onerror=\"window.__xss='reason'\"> 誤って公開したため";
    private static final String HOSTILE_CELL = "<img src=x onerror=\"window.__xss='cell'\">";

    @TempDir
    static Path dir;
    private static StaticSiteServer server;
    private static Path store;
    private ChromeDriver browser;

    @BeforeAll
    static void publishAndServe() throws Exception {
        Browser.assumeInstalled();
        Path catalog = dir.resolve("catalog");
        copyTree(Path.of("catalog"), catalog);
        // the map's tiles from the test's own server (none there: the points are drawn on a blank map), so that
        // no request leaves 127.0.0.1
        Files.writeString(catalog.resolve("catalog.yaml"), Files.readString(catalog.resolve("catalog.yaml"))
                .replaceAll("(?m)^map:\\n(  .*\\n)+", "map: {tiles: \"/tiles/{z}/{x}/{y}.png\", attribution: 試験用の地図}\n"));
        Files.writeString(catalog.resolve("datasets/yaizu/markup-test.yaml"), """
                title:
                  ja: "%s"
                  en: "<script>window.__xss='title-en'</script> quotes \\" & ampersands"
                description:
                  ja: "<img src=x onerror=\\"window.__xss='description'\\"> 説明文 & \\"引用\\" </p><p>閉じタグ"
                keywords:
                  ja: ["<b>太字</b>", "マークアップ試験"]
                license: https://creativecommons.org/licenses/by/4.0/
                source:
                  files: ["markup-test*.csv"]
                schema:
                  fields:
                    - {name: col, title: "<script>window.__xss='column'</script>", type: string, description: "列 & \\"説明\\" <i>"}
                    - {name: n, title: "値 & \\"数\\"", type: integer}
                """.formatted(HOSTILE_TITLE.replace("\"", "\\\"")), StandardCharsets.UTF_8);
        Path ingest = dir.resolve("work/ingest");
        copyTree(Path.of("examples"), ingest);
        Files.delete(ingest.resolve("ATTRIBUTION.tsv"));
        Files.writeString(ingest.resolve("yaizu/markup-test.csv"), "\"<script>window.__xss='column'</script>\",n\n"
                + "\"" + HOSTILE_CELL.replace("\"", "\"\"") + "\",1\n"
                + "\"<script>window.__xss='cell2'</script> & \"\"q\"\"\",2\n", StandardCharsets.UTF_8);
        store = dir.resolve("store");
        int exit = HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--catalog", catalog.toString(), "--store", store.toString());
        assertThat(exit).as("publish --once").isEqualTo(HirakuCommand.OK);
        // and one published, then withdrawn whole, with markup in its title and in the reason
        Files.writeString(catalog.resolve("datasets/yaizu/retired.yaml"), """
                title: "<script>window.__xss='retired'</script> 廃止した表"
                description: 取り下げの試験
                schema:
                  fields:
                    - {name: n, type: integer}
                """, StandardCharsets.UTF_8);
        Files.writeString(ingest.resolve("yaizu/retired.csv"), "n\n1\n", StandardCharsets.UTF_8);
        assertThat(HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--catalog", catalog.toString(), "--store", store.toString())).isEqualTo(HirakuCommand.OK);
        assertThat(HirakuCommand.execute("withdraw", "--dataset", "retired", "--whole-dataset", "--reason", WITHDRAWAL_REASON,
                "--work", dir.resolve("work").toString(), "--catalog", catalog.toString(), "--store", store.toString()))
                .isEqualTo(HirakuCommand.OK);
        server = new StaticSiteServer(store, "127.0.0.1", 0).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browser.start(Files.createTempDirectory(dir, "chromium"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aResidentSearchesFiltersOpensADatasetAndSwitchesToEnglish() throws Exception {
        browser.get(server.url());
        WebElement query = await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("q")), WebElement::isDisplayed);
        assertThat(visibleTitles()).hasSize(4);
        Browser.screenshot(browser, "index");

        // a word of a Japanese title finds that dataset only, and the search is in the URL
        query.sendKeys("トイレ");
        await().atMost(Duration.ofSeconds(10)).until(this::visibleTitles, titles -> titles.equals(List.of(TOILETS)));
        assertThat(browser.findElement(By.id("result-count")).getText()).isEqualTo("1 件が見つかりました");
        assertThat(browser.getCurrentUrl()).contains("q=%E3%83%88%E3%82%A4%E3%83%AC");
        // typed in hiragana, or in half-width katakana, it finds the same
        for (String typed : List.of("といれ", "ﾄｲﾚ")) {
            query.clear();
            query.sendKeys(typed);
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("q=" + java.net.URLEncoder
                    .encode(typed, StandardCharsets.UTF_8)) && visibleTitles().equals(List.of(TOILETS)));
        }

        // a department facet: the two Takamatsu datasets; the bookmarked URL restores it
        query.clear();
        browser.findElement(By.id("clear")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> visibleTitles().size() == 4);
        browser.findElement(By.cssSelector("input[name=department][value=takamatsu]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> visibleTitles().size() == 2);
        assertThat(visibleTitles()).containsExactlyInAnyOrder("AED設置箇所一覧（高松市）", "企業主導型保育施設一覧（高松市）");
        assertThat(browser.findElement(By.cssSelector("input[name=department][value=yaizu]"))
                .findElement(By.xpath("..")).getText()).endsWith("(2)");
        String bookmarked = browser.getCurrentUrl();
        assertThat(bookmarked).contains("department=takamatsu");
        browser.get(bookmarked);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("search")).isDisplayed()
                && visibleTitles().size() == 2);
        assertThat(browser.findElement(By.cssSelector("input[name=department][value=takamatsu]")).isSelected()).isTrue();

        // sorting by name puts the datasets in title order
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("sort"))).selectByValue("name");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("sort=name"));

        // the toilets page: preview rows are the published CSV's first rows, downloads are what they say
        browser.get(server.url());
        browser.findElement(By.linkText(TOILETS)).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getTitle().startsWith(TOILETS));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(TOILETS);
        List<CSVRecord> csv = csv(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.csv"));
        List<WebElement> previewRows = browser.findElements(By.cssSelector("table.preview tbody tr"));
        assertThat(previewRows).hasSize(10);
        for (int row = 0; row < 3; row++) {
            List<String> cells = previewRows.get(row).findElements(By.tagName("td")).stream()
                    .map(c -> c.getAttribute("textContent")).toList();
            assertThat(cells).as("preview row %d", row + 1).isEqualTo(csv.get(row).toList());
        }
        assertThat(browser.findElement(By.cssSelector("table.preview caption")).getText()).contains("112");
        // a short value is shown on one line, not squeezed to a few characters a line: each column is as wide as
        // its values (up to 18rem, wrapped past that) and the table scrolls sideways in its region
        WebElement header = browser.findElement(By.cssSelector("table.preview thead tr"));
        assertThat(previewRows.get(0).getSize().getHeight()).as("height of the first row, every value under 20 characters")
                .isLessThan(2 * header.getSize().getHeight());
        for (WebElement row : browser.findElements(By.cssSelector("table.downloads tbody tr"))) {
            WebElement link = row.findElement(By.cssSelector("a[download]"));
            byte[] body = get(link.getAttribute("href"));
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
                    .as(link.getText()).isEqualTo(cells.get(3).getText());
        }
        assertThat(browser.findElement(By.cssSelector("table.profile")).getText()).contains("緯度");
        Browser.screenshot(browser, "dataset");

        // English: the same page, in English
        browser.findElement(By.cssSelector("nav.site .languages a[hreflang=en]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/en/datasets/yaizu-public-toilets/"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Public toilets (Yaizu)");
        assertThat(browser.findElement(By.id("downloads")).getText()).isEqualTo("Downloads");
        Browser.screenshot(browser, "dataset-en");
    }

    @Test
    void everyKindOfPageHasNoSeriousOrCriticalAccessibilityFinding() throws Exception {
        for (String page : List.of("", "en/", "datasets/yaizu-public-toilets/", "en/datasets/takamatsu-aed/",
                "departments/", "departments/takamatsu/", "en/departments/yaizu/", "about/", "en/about/")) {
            browser.get(server.url() + page);
            await().atMost(Duration.ofSeconds(10)).until(() -> "complete".equals(
                    browser.executeScript("return document.readyState")));
            assertThat(Browser.seriousOrCritical(Browser.axeViolations(browser))).as("axe-core on /" + page).isEmpty();
        }
    }

    @Test
    void aWithdrawnDatasetsPageSaysWhyAsTextAndPassesAxe() throws Exception {
        for (String page : List.of("datasets/retired/", "en/datasets/retired/")) {
            browser.get(server.url() + page);
            await().atMost(Duration.ofSeconds(10)).until(() -> "complete".equals(
                    browser.executeScript("return document.readyState")));
            assertThat(Browser.seriousOrCritical(Browser.axeViolations(browser))).as("axe-core on /" + page).isEmpty();
            assertThat(browser.executeScript("return window.__xss === undefined")).as("no script ran on /" + page)
                    .isEqualTo(true);
            assertThat(browser.findElement(By.cssSelector("div.withdrawn")).getText()).contains(WITHDRAWAL_REASON);
            Browser.screenshot(browser, page.startsWith("en/") ? "withdrawn-en" : "withdrawn");
        }
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("<script>window.__xss='retired'</script> 廃止した表 (withdrawn)");
    }

    @Test
    void markupInTitlesDescriptionsColumnsAndCellsIsShownAsTextAndNeverRuns() throws Exception {
        for (String page : List.of("", "en/", "datasets/markup-test/", "en/datasets/markup-test/",
                "departments/yaizu/")) {
            browser.get(server.url() + page);
            await().atMost(Duration.ofSeconds(10)).until(() -> "complete".equals(
                    browser.executeScript("return document.readyState")));
            if (page.isEmpty() || page.equals("en/")) {
                // the search runs over the same text: searching for the markup finds it, still as text
                WebElement query = await().atMost(Duration.ofSeconds(10))
                        .until(() -> browser.findElement(By.id("q")), WebElement::isDisplayed);
                query.sendKeys("<script>");
                await().atMost(Duration.ofSeconds(10)).until(() -> visibleTitles().size() == 1);
            }
            assertThat(browser.executeScript("return window.__xss === undefined")).as("no script ran on /" + page)
                    .isEqualTo(true);
            assertThat(browser.findElements(By.cssSelector("main script:not([src]), main img, main b, main i"))).as(page).isEmpty();
        }
        browser.get(server.url() + "datasets/markup-test/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(HOSTILE_TITLE);
        assertThat(browser.getTitle()).startsWith(HOSTILE_TITLE);
        assertThat(browser.findElement(By.cssSelector("table.schema")).getText())
                .contains("<script>window.__xss='column'</script>", "列 & \"説明\" <i>");
        assertThat(browser.findElement(By.cssSelector("table.preview")).getText()).contains(HOSTILE_CELL,
                "<script>window.__xss='cell2'</script> & \"q\"");
        assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void withoutJavaScriptEveryDatasetIsListedAndEveryPageIsWhole() throws Exception {
        browser.quit();
        browser = Browser.start(Files.createTempDirectory(dir, "chromium"), false);
        browser.get(server.url());
        assertThat(browser.findElement(By.id("search")).isDisplayed()).as("the search needs JavaScript").isFalse();
        assertThat(browser.findElement(By.cssSelector("noscript")).getAttribute("textContent"))
                .contains("JavaScript");
        assertThat(visibleTitles()).hasSize(4);
        browser.findElement(By.linkText("静岡県焼津市")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("静岡県焼津市");
        assertThat(visibleTitles()).containsExactlyInAnyOrder(TOILETS, HOSTILE_TITLE);
        browser.findElement(By.linkText(TOILETS)).click();
        assertThat(browser.findElements(By.cssSelector("table.preview tbody tr"))).hasSize(10);
        // CSV, Excel CSV, JSON, GeoJSON (the toilets have latitude and longitude), Turtle, N-Triples
        assertThat(browser.findElements(By.cssSelector("table.downloads a[download]"))).hasSize(6);
        assertThat(browser.findElement(By.cssSelector("button.copy")).isDisplayed())
                .as("the copy button needs the clipboard API").isFalse();
    }

    @Test
    void onAPhoneNothingOverflowsAndTheKeyboardReachesTheContentFirst() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
        for (String page : List.of("", "datasets/yaizu-public-toilets/", "en/datasets/takamatsu-aed/", "about/")) {
            browser.get(server.url() + page);
            await().atMost(Duration.ofSeconds(10)).until(() -> "complete".equals(
                    browser.executeScript("return document.readyState")));
            assertThat(browser.executeScript("const w = document.documentElement.clientWidth;"
                    + "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1"
                    + " && !e.closest('.scroll, pre, .leaflet-container')).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 30));"))
                    .as("/" + page + ": elements wider than a 375 px screen (wide tables and code scroll in their own box, "
                            + "the map's tiles are clipped by it)")
                    .asList().isEmpty();
        }
        browser.get(server.url() + "datasets/yaizu-public-toilets/");
        Browser.screenshot(browser, "dataset-phone");
        browser.get(server.url());
        browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("本文へ移動");
        assertThat(skip.getCssValue("outline-style")).as("focus is visible").isEqualTo("solid");
        skip.sendKeys(org.openqa.selenium.Keys.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> "main".equals(browser.switchTo().activeElement().getAttribute("id")));
    }

    @Test
    void aDatasetOfPlacesShowsEveryPointOnAMapAndAPointSaysWhatItIs() throws Exception {
        browser.get(server.url() + "datasets/yaizu-public-toilets/");
        WebElement map = browser.findElement(By.id("map"));
        await().atMost(Duration.ofSeconds(20)).until(() -> map.getAttribute("data-placed") != null
                || map.getAttribute("data-failed") != null);
        assertThat(map.getAttribute("data-failed")).isNull();
        assertThat(map.getAttribute("data-placed")).isEqualTo("112");
        assertThat(browser.findElements(By.cssSelector("#map path.leaflet-interactive"))).hasSize(112);
        assertThat(map.getAttribute("aria-label")).isEqualTo("112 か所");
        assertThat(browser.findElement(By.cssSelector("#map .leaflet-control-attribution")).getText()).contains("試験用の地図");
        browser.executeScript("arguments[0].scrollIntoView()", map);
        List<WebElement> points = browser.findElements(By.cssSelector("#map path.leaflet-interactive"));
        points.get(points.size() - 1).click(); // the last drawn is on top of any it overlaps
        WebElement popup = await().atMost(Duration.ofSeconds(5)).until(
                () -> browser.findElement(By.cssSelector("#map .leaflet-popup-content strong")), e -> !e.getText().isEmpty());
        // the popup names a toilet of the published file (its name column) and lists some of its values
        assertThat(Files.readString(store.resolve("datasets/yaizu-public-toilets/yaizu-public-toilets.csv")))
                .contains("," + popup.getText() + ",");
        // by the columns' Japanese titles, as the department wrote the header
        assertThat(browser.findElements(By.cssSelector("#map .leaflet-popup-content dt"))).extracting(WebElement::getText)
                .contains("全国地方公共団体コード", "地方公共団体名");
        Browser.screenshot(browser, "dataset-map");
        assertThat(Browser.seriousOrCritical(Browser.axeViolations(browser))).as("axe-core with the map open").isEmpty();

        // a table with no place has no map
        browser.get(server.url() + "datasets/markup-test/");
        assertThat(browser.findElements(By.id("map"))).isEmpty();
    }

    @Test
    void aDevelopersPageOnAnotherOriginFetchesTheDataAndItsChecksum() throws Exception {
        // a web page of a developer's own, on another origin (another port), reading the published JSON and SHA256SUMS
        Path app = Files.createDirectories(dir.resolve("developer-app"));
        String data = server.url() + "datasets/yaizu-public-toilets/";
        Files.writeString(app.resolve("index.html"), """
                <!doctype html><html lang="en"><head><title>app</title></head><body><main><p id="out">…</p></main>
                <script>
                Promise.all([fetch('%1$syaizu-public-toilets.json').then(r => r.json()),
                             fetch('%1$sSHA256SUMS').then(r => r.text())])
                  .then(([rows, sums]) => document.getElementById('out').textContent =
                        rows.length + ' rows; ' + sums.split('\\n').filter(l => l).length + ' sums')
                  .catch(e => document.getElementById('out').textContent = 'failed: ' + e);
                </script></body></html>
                """.formatted(data), StandardCharsets.UTF_8);
        try (StaticSiteServer other = new StaticSiteServer(app, "127.0.0.1", 0).start()) {
            assertThat(other.port()).isNotEqualTo(server.port());
            browser.get(other.url());
            String text = await().atMost(Duration.ofSeconds(10)).until(
                    () -> browser.findElement(By.id("out")).getText(), t -> !t.equals("…"));
            long sums = Files.readAllLines(store.resolve("datasets/yaizu-public-toilets/SHA256SUMS")).stream()
                    .filter(l -> !l.isBlank()).count();
            assertThat(text).isEqualTo("112 rows; " + sums + " sums");
        }
    }

    @Test
    void theIndexWithItsStyleScriptAndSearchIndexWeighsLittle() throws Exception {
        long bytes = 0;
        for (String file : List.of("index.html", "assets/style.css", "assets/search.js", "search-index.json")) {
            bytes += get(server.url() + file).length;
        }
        assertThat(bytes).as("bytes to show and search the example catalog").isLessThan(64 * 1024);
    }

    private List<String> visibleTitles() {
        return browser.findElements(By.cssSelector("ul.datasets li h2 a")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    private static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
