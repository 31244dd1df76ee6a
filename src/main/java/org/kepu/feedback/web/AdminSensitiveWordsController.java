package org.kepu.feedback.web;

import java.util.List;
import java.util.Map;
import org.kepu.feedback.SensitiveWordNotFound;
import org.kepu.feedback.SensitiveWords;
import org.kepu.feedback.Verdict;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.security.Actor;
import org.kepu.shared.security.Actors;
import org.kepu.shared.security.Forbidden;
import org.kepu.shared.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The sensitive-word list for administrators: shipped words are shown, admin-edited ones can change. */
@RestController
class AdminSensitiveWordsController {

    record WordAction(String action) {}

    private final SensitiveWords words;

    AdminSensitiveWordsController(SensitiveWords words) {
        this.words = words;
    }

    @GetMapping("/api/v1/admin/sensitive-words")
    Mono<Map<String, List<SensitiveWords.Entry>>> list() {
        return admin().then(words.list()).map(all -> Map.of("items", all));
    }

    @PutMapping("/api/v1/admin/sensitive-words/{word}")
    Mono<SensitiveWords.Entry> put(@PathVariable String word, @RequestBody WordAction body) {
        return admin().flatMap(admin -> words.put(admin, word, action(body)));
    }

    @DeleteMapping("/api/v1/admin/sensitive-words/{word}")
    Mono<ResponseEntity<Void>> remove(@PathVariable String word) {
        return admin().flatMap(admin -> words.remove(admin, word))
                .flatMap(removed -> removed
                        ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(new SensitiveWordNotFound()));
    }

    private static Verdict action(WordAction body) {
        try {
            return Verdict.valueOf(body.action());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ValidationFailed.of("action", "invalid-value", "Use HOLD or BLOCK.");
        }
    }

    private static Mono<Actor> admin() {
        return Actors.require()
                .filter(actor -> actor.has(Role.ADMIN))
                .switchIfEmpty(
                        Mono.error(() -> new Forbidden("Only administrators may edit the sensitive-word list.")));
    }
}
