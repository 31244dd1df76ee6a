package org.kepu.shared.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Clients rely on problem codes: every code the app can answer with is documented in docs/problem-codes.md. */
class ProblemCodesDocumentedTests {

    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `([a-z0-9-]+)` \\|", Pattern.MULTILINE);
    private static final Pattern FRAMEWORK = Pattern.compile("HttpStatus\\.[A-Z_]+,\\s*\"([a-z0-9-]+)\"");

    @Test
    void everyCodeIsDocumented() throws IOException {
        Set<String> documented = matches(DOCUMENTED, Files.readString(Path.of("docs/problem-codes.md")));
        Set<String> used = new TreeSet<>(matches(
                FRAMEWORK, Files.readString(Path.of("src/main/java/org/kepu/shared/error/ProblemResponses.java"))));
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.kepu")) {
            if (type.isAssignableTo(DomainException.class)
                    && !type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
                used.add(DomainException.kebab(type.getSimpleName()));
            }
        }
        assertThat(used).as("codes the app can answer with").hasSizeGreaterThan(10);
        assertThat(documented).containsAll(used);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
