package kepufixture.blocking;

import reactor.core.publisher.Mono;

/** Blocks on a publisher: a violation. */
public class Blocker {
    public String now() {
        return Mono.just("x").block();
    }
}
