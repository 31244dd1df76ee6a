package org.kepu.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** BlockHound is really watching: a blocking call on a non-blocking thread fails. */
@ExtendWith(BlockHoundExtension.class)
class BlockHoundIT {

    @Test
    void aBlockingCallOnAParallelThreadIsReported() {
        Mono<Long> blocking = Mono.fromCallable(() -> {
                    Thread.sleep(5);
                    return 1L;
                })
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(blocking)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(BlockingOperationError.class))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void theSameCallOnTheBoundedElasticSchedulerIsAllowed() {
        Mono<Long> offloaded = Mono.fromCallable(() -> {
                    Thread.sleep(5);
                    return 1L;
                })
                .subscribeOn(Schedulers.boundedElastic());
        StepVerifier.create(offloaded).expectNext(1L).expectComplete().verify(Duration.ofSeconds(5));
    }
}
