package org.kepu.shared.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The front end's page (the built {@code index.html}) as the server sends it for every page route. It is
 * read once at startup; the map tile settings are written into its meta tags, and a module can replace the
 * title and description and add head elements (the activity page's Open Graph tags and JSON-LD), so that
 * search engines and link previews need no JavaScript. Without a built front end (a backend-only build)
 * a minimal page with the same head slots stands in.
 */
@Component
public class SpaShell {

    private static final Pattern TITLE = Pattern.compile("<title\\b[^>]*>.*?</title>", Pattern.DOTALL);
    private static final Pattern DESCRIPTION = Pattern.compile("<meta name=\"description\"[^>]*>");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final String FALLBACK = """
            <!doctype html>
            <html lang="zh-CN">
              <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content="全国科普日、科技活动周科普活动发布与查找平台" />
                <meta name="kepu-map-tiles" content="" />
                <meta name="kepu-map-datum" content="wgs84" />
                <meta name="kepu-map-attribution" content="" />
                <title>科普活动平台 Kepu</title>
              </head>
              <body><main id="main"></main></body>
            </html>
            """;

    private final String shell;

    SpaShell(ResourceLoader resources, WebProperties web) {
        Resource index = resources.getResource("classpath:/static/index.html");
        String page;
        try {
            page = index.exists() ? index.getContentAsString(StandardCharsets.UTF_8) : FALLBACK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page = meta(page, "kepu-map-tiles", web.mapTiles());
        page = meta(page, "kepu-map-datum", web.mapDatum());
        this.shell = meta(page, "kepu-map-attribution", web.mapAttribution());
    }

    private static String meta(String page, String name, String value) {
        return page.replaceFirst(
                "<meta name=\"" + name + "\" content=\"[^\"]*\"",
                Matcher.quoteReplacement("<meta name=\"" + name + "\" content=\"" + escape(value) + "\""));
    }

    /** The page as built, for routes whose content the front end renders itself. */
    public String page() {
        return shell;
    }

    /**
     * The page with its own title and description (plain text, escaped here) and extra head elements
     * (markup the caller has made safe) inserted before {@code </head>}.
     */
    public String page(String title, String description, String headElements) {
        String page =
                TITLE.matcher(shell).replaceFirst(Matcher.quoteReplacement("<title>" + escape(title) + "</title>"));
        page = DESCRIPTION
                .matcher(page)
                .replaceFirst(Matcher.quoteReplacement(
                        "<meta name=\"description\" content=\"" + escape(description) + "\" />"));
        int head = page.indexOf("</head>");
        return page.substring(0, head) + headElements + page.substring(head);
    }

    /** An HTML answer that browsers revalidate on every visit (the page names hashed assets). */
    public static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status)
                .contentType(HTML)
                .cacheControl(CacheControl.noCache())
                .body(page);
    }

    /** Text for an HTML text node or a double-quoted attribute. */
    public static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
