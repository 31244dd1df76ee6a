package org.kepu.shared.web;

import java.util.Set;
import org.kepu.shared.error.ProblemResponses;
import org.kepu.shared.error.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Server-side authorization and the security headers every response carries. Public reads and the
 * anonymous participant writes are open; role areas are closed unless the caller has the role. Failures
 * are answered as problem+json like every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            WebProperties properties,
            ProblemWriter problems,
            ObjectProvider<ServerSecurityContextRepository> signIn) {
        return http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(signIn.getIfAvailable(NoOpServerSecurityContextRepository::getInstance))
                // no login page to return to: the default request cache looked up a web session on every request,
                // creating one (a random id, a hop to another thread) for every anonymous check-in
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(csrf -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        // the front end echoes the cookie's value as is (no per-request masking)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::cookieAuthenticatedWrite)
                        .accessDeniedHandler(
                                (exchange, denied) -> problems.write(exchange, ProblemResponses.from(denied))))
                .addFilterAfter(SecurityConfiguration::issueCsrfCookie, SecurityWebFiltersOrder.CSRF)
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(properties.contentSecurityPolicy()))
                        .frameOptions(frame -> frame.mode(Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicy(permissions -> permissions.policy(SecurityHeaders.PERMISSIONS_POLICY)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .pathMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .pathMatchers("/api/v1/admin/**")
                        .hasRole("ADMIN")
                        .pathMatchers("/api/v1/organizer/**")
                        .hasRole("ORGANIZER")
                        .pathMatchers("/api/v1/review/**")
                        .hasRole("REVIEWER")
                        .pathMatchers("/api/v1/stats/**")
                        .hasAnyRole("REVIEWER", "ADMIN")
                        .pathMatchers("/api/v1/me")
                        .authenticated()
                        .pathMatchers(HttpMethod.OPTIONS, "/**")
                        .permitAll()
                        .anyExchange()
                        .permitAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                                (exchange, denied) -> problems.write(exchange, ProblemResponses.from(denied)))
                        .accessDeniedHandler(
                                (exchange, denied) -> problems.write(exchange, ProblemResponses.from(denied))))
                .build();
    }

    /**
     * The firewall in front of the chain refuses suspicious paths (encoded slashes, NUL, "%25", "..") with an
     * empty 400 of its own; answer those as problems like every other error.
     */
    @Bean
    ServerExchangeRejectedHandler problemForRejectedExchanges(ProblemWriter problems) {
        return (exchange, rejected) -> problems.write(exchange, ProblemResponses.from(rejected));
    }

    /** Sign-in is the organizer module's own (no Spring user store, no generated password). */
    @Bean
    ReactiveUserDetailsService noUserDetailsService() {
        return username -> Mono.empty();
    }

    /**
     * CSRF matters only where the browser attaches credentials by itself: an unsafe request carrying the
     * session cookie. Bearer-token calls and anonymous participant writes (no session) need no token.
     */
    static Mono<ServerWebExchangeMatcher.MatchResult> cookieAuthenticatedWrite(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        boolean safe = SAFE_METHODS.contains(request.getMethod());
        boolean session = request.getCookies().getFirst(SessionCookie.NAME) != null;
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return !safe && session && !bearer
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    /**
     * The CSRF token is created lazily; subscribing makes the repository write the XSRF-TOKEN cookie. Only
     * sign-in and requests with a session get one: nothing else has a session to protect, and creating a token
     * moves the rest of the request to another thread (the repository makes its random value off the event
     * loop), which cost every anonymous check-in two thread hand-offs.
     */
    static Mono<Void> issueCsrfCookie(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        boolean needed = request.getCookies().getFirst(SessionCookie.NAME) != null
                || SIGN_IN.equals(request.getPath().pathWithinApplication().value());
        if (!needed) {
            return chain.filter(exchange);
        }
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return token.then(chain.filter(exchange));
    }

    private static final String SIGN_IN = "/api/v1/auth/login";

    private static final Set<HttpMethod> SAFE_METHODS =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
}
