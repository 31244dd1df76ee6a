package org.kepu.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/** The browser session cookie: HttpOnly, SameSite=Lax, Secure unless configured off (plain-HTTP dev). */
@Configuration(proxyBeanMethods = false)
public class SessionCookie {

    public static final String NAME = "KEPU_SESSION";

    @Bean
    WebSessionIdResolver webSessionIdResolver(WebProperties properties) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(NAME);
        resolver.addCookieInitializer(
                cookie -> cookie.httpOnly(true).sameSite("Lax").path("/").secure(properties.sessionCookieSecure()));
        return resolver;
    }
}
