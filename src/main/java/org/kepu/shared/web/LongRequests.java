package org.kepu.shared.web;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Requests that are long by design: event streams (live pages, the big screen) and file exports. They are
 * bounded by their own heartbeats and backpressure, not by the request timeout or the in-flight limit.
 */
final class LongRequests {

    private LongRequests() {}

    static boolean isLong(ServerHttpRequest request) {
        String path = request.getPath().value();
        return request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM)
                || path.endsWith("/live")
                || path.startsWith("/api/v1/stats/live")
                || path.endsWith(".xlsx")
                || path.endsWith(".csv");
    }
}
