package kepuprobe;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Endpoints that exist only in tests, to drive every framework error path (bad JSON, bad path variable,
 * oversize body…) through the real server. It lives outside {@code org.kepu} so the app never scans it.
 */
@RestController
public class ProbeController {

    public record ProbeRequest(
            @NotBlank String name, @Max(10) int size) {}

    @PostMapping(path = "/api/v1/probe", consumes = "application/json")
    Mono<ProbeRequest> echo(@Valid @RequestBody ProbeRequest request) {
        return Mono.just(request);
    }

    @GetMapping("/api/v1/probe/{id}")
    Mono<String> byId(@PathVariable UUID id) {
        return Mono.just(id.toString());
    }

    @GetMapping("/api/v1/probe-failure")
    Mono<String> failure() {
        return Mono.error(new IllegalStateException("secret internal detail in org.kepu.Secret"));
    }
}
