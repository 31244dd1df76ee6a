package org.kepu.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemWriterTests {

    static final class ImportRejected extends DomainException {
        ImportRejected() {
            super(Kind.INVALID, "Some rows are wrong.");
        }

        @Override
        public Map<String, Object> extensions() {
            return Map.of("rows", List.of(Map.of("row", 3)), "code", "sneaky", "status", 200);
        }
    }

    @Test
    void aDomainExceptionsExtensionsBecomeMembersOfTheBody() {
        Map<String, Object> body = ProblemWriter.body(ProblemResponses.from(new ImportRejected()), "/import");
        assertThat(body).containsEntry("rows", List.of(Map.of("row", 3)));
        assertThat(body).containsEntry("detail", "Some rows are wrong.");
    }

    @Test
    void anExtensionNeverReplacesAStandardMember() {
        Map<String, Object> body = ProblemWriter.body(ProblemResponses.from(new ImportRejected()), "/import");
        assertThat(body).containsEntry("code", "import-rejected").containsEntry("status", 400);
    }

    @Test
    void aProblemWithoutExtensionsHasOnlyTheStandardMembers() {
        Map<String, Object> body =
                ProblemWriter.body(ProblemResponses.from(ValidationFailed.of("title", "required", "Required.")), "/x");
        assertThat(body).containsOnlyKeys("type", "title", "status", "detail", "instance", "code", "errors");
    }
}
