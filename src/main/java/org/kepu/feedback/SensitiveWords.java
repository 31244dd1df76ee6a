package org.kepu.feedback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.kepu.shared.audit.AuditLog;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sensitive-word list shared by feedback comments and live chat: the shipped file, an optional
 * deployment file, and the words admins edit (PostgreSQL, so every instance sees them). Checking is a pure
 * in-memory scan of a snapshot, cheap enough for every chat message; the snapshot is swapped atomically.
 */
@Component
public class SensitiveWords implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SensitiveWords.class);

    /** One word, as listed, and what it does. */
    public record Entry(String word, Verdict action, String source) {}

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final Clock clock;
    private final FeedbackProperties properties;
    private final List<Entry> fileEntries;
    private final AtomicReference<Snapshot> snapshot;
    private volatile Disposable refresher;

    SensitiveWords(
            DatabaseClient db, TransactionalOperator tx, AuditLog audit, Clock clock, FeedbackProperties properties) {
        this.db = db;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.fileEntries = loadFiles(properties);
        this.snapshot = new AtomicReference<>(Snapshot.of(fileEntries, List.of()));
    }

    /** The most severe verdict of any listed word found in {@code text}. */
    public Verdict check(String text) {
        return snapshot.get().check(text);
    }

    /** Every word in effect: shipped and deployment files first, then admin-edited ones. */
    public Mono<List<Entry>> list() {
        return adminEntries().map(admin -> {
            List<Entry> all = new ArrayList<>(fileEntries);
            all.addAll(admin);
            all.sort(Comparator.comparing(Entry::source).thenComparing(Entry::word));
            return all;
        });
    }

    /** Adds or changes an admin-edited word; applies on this instance at once. */
    public Mono<Entry> put(Actor admin, String rawWord, Verdict action) {
        String word = word(rawWord);
        if (action == Verdict.ALLOW) {
            throw ValidationFailed.of("action", "invalid-value", "Use HOLD or BLOCK; delete a word to allow it.");
        }
        return db.sql("""
                        INSERT INTO feedback.sensitive_word (word, action, created_at, created_by)
                        VALUES (:word, :action, :at, :by)
                        ON CONFLICT (word) DO UPDATE SET action = EXCLUDED.action
                        """)
                .bind("word", word)
                .bind("action", action.name())
                .bind("at", clock.instant())
                .bind("by", admin.username())
                .then()
                .then(audit.record(
                        admin.username(),
                        "sensitive-word.put",
                        "sensitive-word",
                        word,
                        Map.of("action", action.name())))
                .as(tx::transactional)
                .then(refresh())
                .thenReturn(new Entry(word, action, "admin"));
    }

    /** Removes an admin-edited word (shipped words stay; they are changed in the file). */
    public Mono<Boolean> remove(Actor admin, String rawWord) {
        String word = word(rawWord);
        return db.sql("DELETE FROM feedback.sensitive_word WHERE word = :word")
                .bind("word", word)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0
                        ? Mono.just(false)
                        : audit.record(admin.username(), "sensitive-word.remove", "sensitive-word", word, Map.of())
                                .thenReturn(true))
                .as(tx::transactional)
                .flatMap(removed -> refresh().thenReturn(removed));
    }

    /** Re-reads the admin-edited words into the snapshot. */
    Mono<Void> refresh() {
        return adminEntries()
                .doOnNext(admin -> snapshot.set(Snapshot.of(fileEntries, admin)))
                .then();
    }

    private Mono<List<Entry>> adminEntries() {
        return db.sql("SELECT word, action FROM feedback.sensitive_word")
                .map(row -> new Entry(
                        row.get("word", String.class), Verdict.valueOf(row.get("action", String.class)), "admin"))
                .all()
                .collectList();
    }

    private static String word(String raw) {
        String word = raw == null ? "" : raw.strip();
        if (Snapshot.normalise(word).isEmpty() || word.length() > 50) {
            throw ValidationFailed.of("word", "invalid-value", "A word has 1 to 50 letters or digits.");
        }
        return word;
    }

    @Override
    public void start() {
        refresher = Flux.interval(java.time.Duration.ZERO, properties.sensitiveWordsRefresh())
                .onBackpressureDrop()
                .concatMap(tick -> refresh().onErrorResume(e -> {
                    log.debug("sensitive words not refreshed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = refresher;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = refresher;
        return running != null && !running.isDisposed();
    }

    private static List<Entry> loadFiles(FeedbackProperties properties) {
        List<Entry> entries = new ArrayList<>();
        try (var in = new ClassPathResource("moderation/sensitive-words.txt").getInputStream()) {
            parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "shipped", entries);
            if (properties.sensitiveWordsFile().isPresent()) {
                parse(Files.readString(Path.of(properties.sensitiveWordsFile().get())), "file", entries);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sensitive word list unreadable", e);
        }
        return List.copyOf(entries);
    }

    static void parse(String content, String source, List<Entry> into) {
        for (String line : content.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\t");
            Verdict action =
                    parts.length > 1 ? Verdict.valueOf(parts[1].strip().toUpperCase(Locale.ROOT)) : Verdict.HOLD;
            into.add(new Entry(parts[0].strip(), action, source));
        }
    }

    /** Normalised words and their verdicts; matching ignores width, case, spaces and punctuation. */
    record Snapshot(Map<String, Verdict> words) {

        static Snapshot of(List<Entry> files, List<Entry> admin) {
            Map<String, Verdict> words = new HashMap<>();
            for (List<Entry> list : List.of(files, admin)) {
                for (Entry entry : list) {
                    String key = normalise(entry.word());
                    if (!key.isEmpty()) {
                        words.merge(key, entry.action(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    }
                }
            }
            return new Snapshot(Map.copyOf(words));
        }

        Verdict check(String text) {
            String haystack = normalise(text);
            Verdict verdict = Verdict.ALLOW;
            for (Map.Entry<String, Verdict> word : words.entrySet()) {
                if (word.getValue().compareTo(verdict) > 0 && haystack.contains(word.getKey())) {
                    verdict = word.getValue();
                }
            }
            return verdict;
        }

        /** NFKC folds full-width forms; only letters and digits remain, so "博 彩" and "博-彩" match 博彩. */
        static String normalise(String text) {
            String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            StringBuilder kept = new StringBuilder(folded.length());
            folded.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
            return kept.toString();
        }
    }
}
