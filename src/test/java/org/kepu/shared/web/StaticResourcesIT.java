package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The app serves the front end the build produced (frontend/dist, copied into {@code static/}): the page
 * at {@code /} under the security headers, hashed assets cached for good, and everything unhashed
 * revalidated so that a deploy reaches browsers at once.
 */
@IntegrationTest
class StaticResourcesIT {

    private static final Set<String> FOR_GOOD = Set.of("public", "max-age=31536000", "immutable");
    private static final Set<String> REVALIDATE = Set.of("no-cache");

    @Autowired
    WebTestClient client;

    @BeforeAll
    static void theFrontEndWasBuilt() {
        assertThat(new ClassPathResource("static/index.html").exists())
                .as("static/index.html is missing from the classpath: this test needs the front end, so build"
                        + " without -Dkepu.frontend.skip=true")
                .isTrue();
    }

    @Test
    void theRootServesThePageWithTheSecurityHeadersAndRevalidation() {
        EntityExchangeResult<String> page = page();

        assertThat(page.getResponseHeaders().getContentType())
                .isNotNull()
                .satisfies(type ->
                        assertThat(type.isCompatibleWith(MediaType.TEXT_HTML)).isTrue());
        assertThat(page.getResponseBody())
                .contains("<main id=\"main\"")
                // the shell every page module renders into: skip link, header with the main navigation
                .contains("class=\"skip-link\" href=\"#main\"")
                .contains("id=\"site-header\"")
                .containsPattern("<script type=\"module\"[^>]* src=\"/assets/[^\"]+\\.js\"");
        assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy"))
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(page.getResponseHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(cacheControl(page)).isEqualTo(REVALIDATE);
        assertThat(page.getResponseHeaders().getETag()).isNotBlank();
    }

    @Test
    void anUnchangedPageIsNotSentAgain() {
        String etag = page().getResponseHeaders().getETag();

        client.get()
                .uri("/")
                .accept(MediaType.TEXT_HTML)
                .ifNoneMatch(etag)
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectBody()
                .isEmpty();
    }

    @Test
    void hashedAssetsAreCachedForAYearWithoutRevalidation() {
        String html = page().getResponseBody();
        Matcher assets = Pattern.compile("\"(/assets/[^\"]+\\.(js|css))\"").matcher(html);
        int seen = 0;
        while (assets.find()) {
            EntityExchangeResult<byte[]> asset = client.get()
                    .uri(assets.group(1))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult();
            assertThat(cacheControl(asset)).as(assets.group(1)).isEqualTo(FOR_GOOD);
            assertThat(asset.getResponseHeaders().getFirst("Pragma")).isNull();
            assertThat(asset.getResponseHeaders().getFirst("Content-Security-Policy"))
                    .isNotBlank();
            assertThat(asset.getResponseBodyContent()).isNotEmpty();
            seen++;
        }
        assertThat(seen).as("script and style linked from the page").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theUnhashedFilesThePageNamesAreRevalidated() {
        for (String path : new String[] {"/index.html", "/boot.js", "/favicon.svg"}) {
            EntityExchangeResult<byte[]> file = client.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult();
            assertThat(cacheControl(file)).as(path).isEqualTo(REVALIDATE);
        }
    }

    @Test
    void aMissingAssetIsAProblemThatNoCacheKeeps() {
        EntityExchangeResult<byte[]> missing = client.get()
                .uri("/assets/index-00000000.js")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .returnResult();
        assertThat(cacheControl(missing)).contains("no-store").doesNotContain("immutable");
    }

    @Test
    void anUnknownApiPathIsStillA404ProblemForABrowser() {
        client.get()
                .uri("/api/v1/no-such-thing")
                .accept(MediaType.TEXT_HTML, MediaType.ALL)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.NOT_FOUND)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-found");
    }

    /** The page as a browser asks for it. */
    private EntityExchangeResult<String> page() {
        return client.get()
                .uri("/")
                .header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .acceptCharset(StandardCharsets.UTF_8)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
    }

    private static Set<String> cacheControl(EntityExchangeResult<?> result) {
        String value = result.getResponseHeaders().getCacheControl();
        return value == null
                ? Set.of()
                : Arrays.stream(value.split(","))
                        .map(String::trim)
                        .map(directive -> directive.toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.toSet());
    }
}
