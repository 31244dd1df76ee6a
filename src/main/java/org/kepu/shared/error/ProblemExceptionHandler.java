package org.kepu.shared.error;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers every failure that reaches the web layer, from controllers, filters, routing or codecs, as
 * problem+json. It runs before Spring Boot's default error handler, so nothing else renders errors.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private final ProblemWriter writer;

    ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = writer.problemFor(exchange.getRequest(), error);
        return writer.write(exchange, problem);
    }
}
