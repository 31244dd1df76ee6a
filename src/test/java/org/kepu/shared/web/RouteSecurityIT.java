package org.kepu.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kepu.devstack.IntegrationTest;
import org.kepu.organizer.OrganizerService;
import org.kepu.organizer.TestAccounts;
import org.kepu.shared.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import reactor.core.publisher.Mono;

/**
 * Battery item 11: every route the running app maps (request mappings, including Actuator's, and router
 * functions, read from the context), each with its methods:
 *
 * <ul>
 *   <li>the security headers are on every answer (CSP, nosniff, frame options DENY, referrer policy), errors
 *       included;
 *   <li>a foreign or {@code null} Origin gets no {@code Access-Control-Allow-Origin}, neither on the request nor
 *       on a preflight;
 *   <li>every state-changing route refuses a cookie-session request without the matching {@code X-XSRF-TOKEN}
 *       (403 {@code csrf-token-invalid}): a cross-site form post, a JSON request carrying the XSRF cookie but not
 *       the header, and one with a wrong header; and a cross-site form post without a session is never accepted.
 * </ul>
 */
@IntegrationTest
class RouteSecurityIT {

    static final String EVIL = "https://evil.example";

    @Autowired
    ApplicationContext context;

    @Autowired
    WebTestClient client;

    @Autowired
    OrganizerService organizer;

    @LocalServerPort
    int port;

    record Route(HttpMethod method, String pattern) implements Comparable<Route> {
        @Override
        public int compareTo(Route o) {
            return (pattern + method).compareTo(o.pattern + o.method);
        }

        boolean unsafe() {
            return method == HttpMethod.POST
                    || method == HttpMethod.PUT
                    || method == HttpMethod.DELETE
                    || method == HttpMethod.PATCH;
        }
    }

    record Answer(int status, HttpHeaders headers, String body) {}

    /**
     * A browser sent to a protected page without signing in gets a 401, and nothing is kept for it: no session
     * (no cookie, no Redis entry) that anyone could mint by the million just by asking.
     */
    @Test
    void anAnonymousRequestRefusedForLackOfASignInLeavesNoSession() {
        for (String path : List.of("/api/v1/me", "/api/v1/review/activities", "/api/v1/admin/stats/rebuild")) {
            List<String> cookies = client.get()
                    .uri(path)
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getOrEmpty(HttpHeaders.SET_COOKIE);
            assertThat(cookies).as(path).noneMatch(cookie -> cookie.startsWith(SessionCookie.NAME + "="));
        }
    }

    /**
     * The XSRF-TOKEN cookie goes to sign-in and to requests with a session, the only ones a forged form could
     * ride on; anonymous reads and participant writes get none (making one moved each request to another thread).
     */
    @Test
    void onlySignInAndSessionRequestsAreHandedACsrfCookie() {
        assertThat(setCookies(client.get().uri("/api/v1/campaigns").exchange()))
                .as("anonymous read")
                .noneMatch(c -> c.startsWith("XSRF-TOKEN="));
        assertThat(setCookies(client.post()
                        .uri("/api/v1/activities/" + UUID.randomUUID() + "/check-ins")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"token\":\"x\"}")
                        .exchange()))
                .as("anonymous check-in")
                .noneMatch(c -> c.startsWith("XSRF-TOKEN="));

        TestAccounts.Session session =
                TestAccounts.signIn(client, new TestAccounts(organizer).account((String) null, Role.ADMIN));
        assertThat(session.xsrfToken()).as("sign-in").isNotBlank();
        // a session whose XSRF cookie was lost (cleared by the browser) gets a new one on its next request
        assertThat(setCookies(client.get()
                        .uri("/api/v1/me")
                        .cookie(SessionCookie.NAME, session.sessionCookie())
                        .exchange()))
                .as("session without its XSRF cookie")
                .anyMatch(c -> c.startsWith("XSRF-TOKEN="));
    }

    private static List<String> setCookies(WebTestClient.ResponseSpec response) {
        return response.returnResult(String.class).getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
    }

    @Test
    void everyRouteSendsSecurityHeadersGrantsNoForeignOriginAndRequiresTheCsrfToken() throws IOException {
        Set<Route> routes = routes();
        TestAccounts.Session session =
                TestAccounts.signIn(client, new TestAccounts(organizer).account((String) null, Role.ADMIN));
        WebClient web = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                .build();

        List<String> missingHeaders = new ArrayList<>();
        List<String> corsGrants = new ArrayList<>();
        List<String> csrfMisses = new ArrayList<>();
        List<String> formPostsAccepted = new ArrayList<>();
        Map<Integer, Long> anonymousStatuses = new TreeMap<>();
        Map<Integer, Long> formStatuses = new TreeMap<>();
        int unsafe = 0;
        int requests = 0;
        for (Route route : routes) {
            String path = concrete(route.pattern());
            Answer plain = call(web, route.method(), path, h -> h.set(HttpHeaders.ORIGIN, EVIL), null, null);
            requests++;
            anonymousStatuses.merge(plain.status(), 1L, Long::sum);
            List<String> missing = missingSecurityHeaders(plain.headers());
            if (!missing.isEmpty()) {
                missingHeaders.add(route + " -> " + plain.status() + " lacks " + missing);
            }
            for (String origin : List.of(EVIL, "null")) {
                Answer preflight = call(
                        web,
                        HttpMethod.OPTIONS,
                        path,
                        h -> {
                            h.set(HttpHeaders.ORIGIN, origin);
                            h.set(
                                    HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
                                    route.method().name());
                            h.set(
                                    HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS,
                                    "content-type,x-xsrf-token,authorization");
                        },
                        null,
                        null);
                requests++;
                for (Answer a : List.of(plain, preflight)) {
                    if (a.headers().containsHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                            || a.headers().containsHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)) {
                        corsGrants.add(route + " origin " + origin + " -> " + a.headers());
                    }
                }
            }
            if (!route.unsafe()) {
                continue;
            }
            unsafe++;
            // a cross-site form post riding on the session cookie
            Answer form = call(
                    web,
                    route.method(),
                    path,
                    h -> {
                        h.set(HttpHeaders.ORIGIN, EVIL);
                        h.set(HttpHeaders.COOKIE, "KEPU_SESSION=" + session.sessionCookie());
                    },
                    MediaType.APPLICATION_FORM_URLENCODED,
                    "title=x&reason=y");
            // the XSRF cookie is sent (a browser would), the header is not
            Answer noHeader = call(
                    web,
                    route.method(),
                    path,
                    h -> h.set(
                            HttpHeaders.COOKIE,
                            "KEPU_SESSION=" + session.sessionCookie() + "; XSRF-TOKEN=" + session.xsrfToken()),
                    MediaType.APPLICATION_JSON,
                    "{}");
            Answer wrongHeader = call(
                    web,
                    route.method(),
                    path,
                    h -> {
                        h.set(
                                HttpHeaders.COOKIE,
                                "KEPU_SESSION=" + session.sessionCookie() + "; XSRF-TOKEN=" + session.xsrfToken());
                        h.set("X-XSRF-TOKEN", UUID.randomUUID().toString());
                    },
                    MediaType.APPLICATION_JSON,
                    "{}");
            // and without any session: a plain cross-site form (text/plain, what a form can send as a "JSON" body)
            Answer anonymousForm = call(
                    web,
                    route.method(),
                    path,
                    h -> h.set(HttpHeaders.ORIGIN, EVIL),
                    MediaType.TEXT_PLAIN,
                    "{\"token\":\"x\",\"rating\":5,\"text\":\"x\"}");
            requests += 4;
            for (Answer a : List.of(form, noHeader, wrongHeader)) {
                if (a.status() != 403 || !a.body().contains("\"csrf-token-invalid\"")) {
                    csrfMisses.add(route + " -> " + a.status() + " " + abbreviate(a.body()));
                }
            }
            formStatuses.merge(anonymousForm.status(), 1L, Long::sum);
            // logging out without a session ends nothing (204); with one it needs the token like every write
            if (anonymousForm.status() < 400 && !route.pattern().equals("/api/v1/auth/logout")) {
                formPostsAccepted.add(route + " -> " + anonymousForm.status());
            }
        }

        // control: the same session with the right header is not refused for CSRF
        Answer withToken = call(
                web,
                HttpMethod.POST,
                "/api/v1/admin/org-units",
                h -> {
                    h.set(
                            HttpHeaders.COOKIE,
                            "KEPU_SESSION=" + session.sessionCookie() + "; XSRF-TOKEN=" + session.xsrfToken());
                    h.set("X-XSRF-TOKEN", session.xsrfToken());
                },
                MediaType.APPLICATION_JSON,
                "{}");

        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "routes: %d (%d state-changing), %d requests; anonymous statuses %s%n",
                routes.size(), unsafe, requests, anonymousStatuses));
        text.append(String.format(
                "missing security headers: %d; CORS grants to a foreign or null origin: %d;"
                        + " state-changing routes not refusing a session request without the CSRF token: %d of %d"
                        + " (x3 variants); cross-site anonymous text/plain posts accepted: %d %s%n",
                missingHeaders.size(),
                corsGrants.size(),
                csrfMisses.size(),
                unsafe,
                formPostsAccepted.size(),
                formStatuses));
        text.append("control with the right X-XSRF-TOKEN: ")
                .append(withToken.status())
                .append(' ')
                .append(abbreviate(withToken.body()))
                .append('\n');
        for (var list : List.of(missingHeaders, corsGrants, csrfMisses, formPostsAccepted)) {
            list.stream().limit(20).forEach(l -> text.append("  ! ").append(l).append('\n'));
        }
        text.append("routes checked:\n");
        routes.forEach(r -> text.append("  ")
                .append(r.method())
                .append(' ')
                .append(r.pattern())
                .append('\n'));
        System.out.print(text);
        Files.writeString(Path.of("target", "route-security.txt"), text + "at " + Instant.now() + "\n");

        assertThat(routes).hasSizeGreaterThan(80);
        assertThat(unsafe).isGreaterThan(30);
        assertThat(missingHeaders).isEmpty();
        assertThat(corsGrants).isEmpty();
        assertThat(csrfMisses).isEmpty();
        assertThat(formPostsAccepted).isEmpty();
        assertThat(withToken.status()).isEqualTo(400);
    }

    static List<String> missingSecurityHeaders(HttpHeaders headers) {
        List<String> missing = new ArrayList<>();
        String csp = headers.getFirst("Content-Security-Policy");
        if (csp == null || !csp.contains("default-src 'self'") || !csp.contains("frame-ancestors 'none'")) {
            missing.add("Content-Security-Policy");
        }
        if (!"nosniff".equals(headers.getFirst("X-Content-Type-Options"))) {
            missing.add("X-Content-Type-Options");
        }
        if (!"DENY".equals(headers.getFirst("X-Frame-Options"))) {
            missing.add("X-Frame-Options");
        }
        if (headers.getFirst("Referrer-Policy") == null) {
            missing.add("Referrer-Policy");
        }
        return missing;
    }

    /** Every (method, pattern) the app maps: request mappings of all handler mappings, and router functions. */
    Set<Route> routes() {
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                Set<RequestMethod> all = methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods;
                info.getPatternsCondition()
                        .getPatterns()
                        .forEach(pattern -> all.forEach(
                                m -> routes.add(new Route(HttpMethod.valueOf(m.name()), pattern.getPatternString()))));
            });
        }
        // router functions describe themselves as "(GET && /path)" and combinations of those
        Pattern predicate = Pattern.compile("\\b(GET|HEAD|POST|PUT|PATCH|DELETE) && (/[^\\s)]*)");
        for (RouterFunction<?> function :
                context.getBeansOfType(RouterFunction.class).values()) {
            Matcher m = predicate.matcher(function.toString());
            while (m.find()) {
                routes.add(new Route(HttpMethod.valueOf(m.group(1)), m.group(2)));
            }
        }
        return routes;
    }

    static String concrete(String pattern) {
        String path = pattern.replace("/**", "/x").replaceAll("\\{\\*\\w+}", "x");
        Matcher m = Pattern.compile("\\{(\\w+)(:([^}]*))?}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "code" -> "34";
                case "word" -> "word";
                case "action" -> "start";
                case "toMatch", "path", "arg0" -> "x";
                default -> UUID.randomUUID().toString();
            };
            m.appendReplacement(out, value);
        }
        m.appendTail(out);
        return out.toString();
    }

    Answer call(
            WebClient web,
            HttpMethod method,
            String path,
            java.util.function.Consumer<HttpHeaders> headers,
            MediaType type,
            String body) {
        WebClient.RequestBodySpec spec = web.method(method).uri(path).headers(headers);
        if (type != null) {
            spec.contentType(type);
        }
        WebClient.RequestHeadersSpec<?> ready = body == null ? spec : spec.bodyValue(body);
        return ready.exchangeToMono(r -> {
                    boolean stream = r.headers()
                            .contentType()
                            .map(MediaType.TEXT_EVENT_STREAM::isCompatibleWith)
                            .orElse(false);
                    Mono<String> text = stream
                            ? Mono.just("(stream)")
                            : r.bodyToMono(byte[].class)
                                    .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
                                    .defaultIfEmpty("");
                    return text.map(
                            b -> new Answer(r.statusCode().value(), r.headers().asHttpHeaders(), b));
                })
                .timeout(Duration.ofSeconds(20))
                .block(Duration.ofSeconds(30));
    }

    static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
