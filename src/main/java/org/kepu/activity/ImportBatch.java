package org.kepu.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;
import org.kepu.shared.security.Actor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The all-or-nothing part of an import: every row is validated like a single create and its problems,
 * from reading the cell or from the rules, are collected under the spreadsheet's column names. Only a
 * file without a single problem goes on to be stored.
 */
final class ImportBatch {

    /** Rows validated at once; each looks up its campaign edition, and the pool serves other requests too. */
    static final int CONCURRENCY = 4;

    /** A row that passed, with the canonical draft the rules returned. */
    record Valid(int row, ActivityDraft draft) {}

    private record Checked(ImportRow row, ActivityDraft valid, List<FieldError> errors) {}

    private static final Set<String> POSITION = Set.of("lat", "lon");

    private ImportBatch() {}

    /** The valid drafts in file order, or {@link ImportFailed} listing every bad row. */
    static Mono<List<Valid>> validate(List<ImportRow> rows, Function<ActivityDraft, Mono<ActivityDraft>> rules) {
        return Flux.fromIterable(rows)
                .flatMapSequential(
                        row -> rules.apply(row.draft())
                                .map(valid -> new Checked(row, valid, List.of()))
                                .onErrorResume(
                                        ValidationFailed.class, e -> Mono.just(new Checked(row, null, e.errors()))),
                        CONCURRENCY)
                .collectList()
                .flatMap(checked -> {
                    List<ImportFailed.BadRow> bad = new ArrayList<>();
                    List<Valid> valid = new ArrayList<>();
                    for (Checked c : checked) {
                        List<FieldError> errors = merge(c.row().errors(), c.errors());
                        if (errors.isEmpty()) {
                            valid.add(new Valid(c.row().row(), c.valid()));
                        } else {
                            bad.add(new ImportFailed.BadRow(c.row().row(), errors));
                        }
                    }
                    return bad.isEmpty() ? Mono.just(valid) : Mono.error(new ImportFailed(bad));
                });
    }

    /** A new draft of the organizer's unit. */
    static Activity draft(Actor organizer, ActivityDraft valid, Instant now) {
        return new Activity(
                UUID.randomUUID(),
                organizer.orgUnitId(),
                organizer.orgUnitName(),
                valid,
                ActivityStatus.DRAFT,
                Optional.empty(),
                0,
                now,
                now,
                Optional.empty(),
                List.of());
    }

    /**
     * Reading errors first; a rule's complaint about a cell that could not be read (a bad date is then
     * also a missing one) would only repeat it, so it is left out.
     */
    static List<FieldError> merge(List<FieldError> reading, List<FieldError> rules) {
        Set<String> unread = reading.stream().map(FieldError::field).collect(Collectors.toSet());
        List<FieldError> all = new ArrayList<>(reading);
        for (FieldError e : rules) {
            String column = column(e.field());
            boolean repeat = unread.contains(column)
                    || (e.field().equals("venue") && unread.stream().anyMatch(POSITION::contains));
            if (!repeat) {
                all.add(new FieldError(column, e.code(), e.message()));
            }
        }
        return all;
    }

    /**
     * The column a rule's field lives in, so that every error in the report names a column of the file
     * (docs/import.md). A complaint about the position as a whole is put on {@code lat}.
     */
    static String column(String field) {
        if (field.startsWith("coOrganizers[")) {
            return "coOrganizers";
        }
        return switch (field) {
            case "venue", "venue.name" -> "venueName";
            case "venue.address" -> "venueAddress";
            case "venue.location" -> "lat";
            case "live.url" -> "liveUrl";
            case "contact.name" -> "contactName";
            case "contact.phone" -> "contactPhone";
            default -> field;
        };
    }
}
