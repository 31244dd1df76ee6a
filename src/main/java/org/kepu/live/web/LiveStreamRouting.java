package org.kepu.live.web;

import org.kepu.checkin.CheckInService;
import org.kepu.live.LiveService;
import org.kepu.shared.web.WebProperties;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link LiveStreamHandler} in front of the WebFlux chain. */
@Configuration(proxyBeanMethods = false)
class LiveStreamRouting {

    @Bean
    WebHttpHandlerBuilderCustomizer liveStreamsBeforeTheChain(
            LiveService live, CheckInService checkIns, WebProperties web) {
        return builder -> builder.httpHandlerDecorator(chain -> new LiveStreamHandler(chain, live, checkIns, web));
    }
}
