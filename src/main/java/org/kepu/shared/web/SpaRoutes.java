package org.kepu.shared.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The page routes of API.md whose content the front end renders in the browser: they all answer the
 * front end's page. The activity page is the activity module's (its head is rendered on the server).
 */
@Configuration(proxyBeanMethods = false)
class SpaRoutes {

    @Bean
    RouterFunction<ServerResponse> spaPages(SpaShell shell) {
        RequestPredicate pages = GET("/search")
                .or(GET("/check-in/{id}"))
                .or(GET("/live/{id}"))
                .or(GET("/organizer"))
                .or(GET("/organizer/**"))
                .or(GET("/review"))
                .or(GET("/review/**"))
                .or(GET("/big-screen"));
        ResponseEntity<String> page = SpaShell.html(HttpStatus.OK, shell.page());
        return RouterFunctions.route(
                pages,
                request -> ServerResponse.ok()
                        .headers(h -> h.addAll(page.getHeaders()))
                        .bodyValue(page.getBody()));
    }
}
