package org.kepu.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kepu.shared.error.FieldError;
import org.kepu.shared.error.ValidationFailed;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ImportBatchTests {

    static ActivityDraft titled(String title) {
        return new ActivityDraft(
                title, null, null, null, null, null, null, null, null, null, false, null, null, null, null, null, null,
                null);
    }

    /** Rules that only want a title of at least four characters, and place venues badly. */
    static Mono<ActivityDraft> rules(ActivityDraft draft) {
        if (draft.title() == null || draft.title().length() < 4) {
            return Mono.error(new ValidationFailed(List.of(
                    new FieldError("title", "length", "Too short."),
                    new FieldError("venue.location", "far-from-region", "Far."),
                    new FieldError("coOrganizers[1]", "length", "Too short."))));
        }
        return Mono.just(draft);
    }

    @Test
    void allGoodRowsComeBackInFileOrder() {
        List<ImportRow> rows =
                List.of(new ImportRow(2, titled("第一个活动"), List.of()), new ImportRow(3, titled("第二个活动"), List.of()));
        StepVerifier.create(ImportBatch.validate(rows, ImportBatchTests::rules))
                .assertNext(valid ->
                        assertThat(valid).extracting(ImportBatch.Valid::row).containsExactly(2, 3))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void everyBadRowIsReportedWithItsErrorsNamedByColumn() {
        List<ImportRow> rows = List.of(
                new ImportRow(2, titled("好的活动"), List.of()),
                new ImportRow(3, titled("短"), List.of()),
                new ImportRow(5, titled("好的活动二"), List.of(new FieldError("capacity", "invalid-value", "No."))));
        StepVerifier.create(ImportBatch.validate(rows, ImportBatchTests::rules))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ImportFailed.class).hasMessageContaining("2 rows");
                    List<ImportFailed.BadRow> bad = ((ImportFailed) e).rows();
                    assertThat(bad).extracting(ImportFailed.BadRow::row).containsExactly(3, 5);
                    assertThat(bad.get(0).errors())
                            .extracting(FieldError::field)
                            .containsExactly("title", "lat", "coOrganizers");
                    assertThat(bad.get(1).errors()).extracting(FieldError::code).containsExactly("invalid-value");
                    assertThat(((ImportFailed) e).extensions()).containsKey("rows");
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aRulesComplaintAboutACellThatCouldNotBeReadIsNotRepeated() {
        List<FieldError> merged = ImportBatch.merge(
                List.of(
                        new FieldError("startsAt", "invalid-value", "Bad time."),
                        new FieldError("lat", "required", "")),
                List.of(
                        new FieldError("startsAt", "required", "Required."),
                        new FieldError("venue", "required", "Needs a venue."),
                        new FieldError("live.url", "url", "Bad URL.")));
        assertThat(merged)
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("startsAt", "invalid-value"),
                        org.assertj.core.groups.Tuple.tuple("lat", "required"),
                        org.assertj.core.groups.Tuple.tuple("liveUrl", "url"));
    }
}
