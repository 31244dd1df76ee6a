package org.kepu.shared.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.accept;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnResource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.util.DigestUtils;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * How browsers may cache the front end the build copies into {@code static/}. Vite puts a content hash
 * into every name under {@code /assets/}, so those files never change and are cached for a year without
 * revalidation. The page and the unhashed files it names must be revalidated on every use, or browsers
 * would keep asking for asset names that a deploy has replaced.
 *
 * <p>Spring Security adds {@code Cache-Control: no-cache, no-store} only to responses that set no cache
 * header of their own, so these win for the files served here and every other response keeps Security's.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebFluxConfigurer {

    private static final CacheControl HASHED =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final CacheControl REVALIDATE = CacheControl.noCache();

    private static final String STATIC = "classpath:/static/";
    private static final String[] UNHASHED = {"/index.html", "/boot.js", "/favicon.svg"};

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(STATIC + "assets/")
                .setCacheControl(HASHED);
        registry.addResourceHandler(UNHASHED).addResourceLocations(STATIC).setCacheControl(REVALIDATE);
    }

    /**
     * The page at {@code /}. Spring Boot's welcome page serves the same file but with no cache header, so
     * Security's no-store would apply; this route is asked first (router function beans are mapped at
     * order -1, the welcome page at 1). The page is {@link SpaShell}'s, read once: requests do no file I/O.
     */
    @Bean
    @ConditionalOnResource(resources = STATIC + "index.html")
    RouterFunction<ServerResponse> indexPage(SpaShell shell) {
        byte[] page = shell.page().getBytes(StandardCharsets.UTF_8);
        String etag = '"' + DigestUtils.md5DigestAsHex(page) + '"';
        MediaType html = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
        return RouterFunctions.route(
                GET("/").and(accept(MediaType.TEXT_HTML)),
                request -> request.checkNotModified(etag)
                        .switchIfEmpty(Mono.defer(() -> ServerResponse.ok()
                                .contentType(html)
                                .cacheControl(REVALIDATE)
                                .eTag(etag)
                                .bodyValue(page))));
    }
}
