package org.kepu.live.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationPredicate;
import org.kepu.live.LiveService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * A viewer's stream is not a request to time: it lasts the whole lecture, and its open observation (key
 * values, a long-task timer sample, their maps) held about 4 KB of heap per stream for nothing. Streams are
 * counted by the gauge {@code kepu.live.streams} instead.
 */
@Configuration(proxyBeanMethods = false)
class LiveObservations {

    @Bean
    ObservationPredicate noRequestObservationForLiveStreams() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getMethod() == HttpMethod.GET
                && isStream(request.getCarrier().getPath().value()));
    }

    @Bean
    MeterBinder liveStreams(LiveService live) {
        return registry -> Gauge.builder("kepu.live.streams", live, LiveService::streams)
                .description("viewers' live streams open on this instance")
                .register(registry);
    }

    static boolean isStream(String path) {
        return path.startsWith("/api/v1/activities/") && path.endsWith("/live");
    }
}
