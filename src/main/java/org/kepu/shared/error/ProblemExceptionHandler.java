package org.kepu.shared.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;

    ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = ProblemResponses.from(error);
        if (problem.status().is5xxServerError()) {
            log.error(
                    "{} {} failed with {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    problem.code(),
                    error);
        }
        return writer.write(exchange, problem);
    }
}
