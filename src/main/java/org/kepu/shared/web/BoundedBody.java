package org.kepu.shared.web;

import java.util.concurrent.atomic.AtomicLong;
import org.kepu.shared.error.PayloadTooLarge;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * A request whose body fails with {@link PayloadTooLarge} past a limit while it streams in (chunked uploads
 * declare no length), so no reader ever buffers more than the limit.
 */
public final class BoundedBody {

    private BoundedBody() {}

    public static ServerHttpRequest of(ServerHttpRequest request, long limit) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new PayloadTooLarge(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
    }
}
