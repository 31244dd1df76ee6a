package org.kepu;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Module boundaries and reactive rules, checked on the real code; each rule is also run against
 * deliberately broken fixtures ({@code kepufixture}) to prove it can fail.
 */
class ArchitectureTests {

    /** {@code block()}, {@code blockFirst()}, {@code toIterable()}… park the calling thread. */
    static final ArchRule NO_BLOCKING_ON_PUBLISHERS = noClasses()
            .should()
            .callMethodWhere(new DescribedPredicate<JavaMethodCall>("a blocking call on a Reactor publisher") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getTargetOwner().isAssignableTo(Publisher.class)
                            && call.getName().matches("block.*|toIterable|toStream");
                }
            })
            .because("src/main must never block: the event loop serves everyone");

    /** The Elasticsearch client's withJson(Reader) scans ServiceLoader (jar reads) on every call. */
    static final ArchRule NO_WITH_JSON_READER = noClasses()
            .should()
            .callMethodWhere(new DescribedPredicate<JavaMethodCall>("withJson(Reader) of the Elasticsearch client") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getName().equals("withJson")
                            && call.getTarget().getRawParameterTypes().size() == 1
                            && call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(java.io.Reader.class);
                }
            })
            .because("it blocks the event loop; use SearchIndex.json(builder, body)");

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.kepu");

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        ApplicationModules.of(KepuApplication.class).verify();
    }

    @Test
    void mainCodeNeverBlocks() {
        NO_BLOCKING_ON_PUBLISHERS.check(MAIN);
    }

    @Test
    void mainCodeNeverParsesElasticsearchJsonThroughServiceLoader() {
        NO_WITH_JSON_READER.check(MAIN);
    }

    @Test
    void reachingIntoAnotherModulesInternalsIsCaught() {
        var violations = ApplicationModules.of("kepufixture", location -> true).detectViolations();
        assertThat(violations.hasViolations()).isTrue();
        assertThat(violations.getMessage()).contains("BetaService").contains("AlphaInternals");
    }

    @Test
    void blockingIsCaught() {
        JavaClasses fixture = new ClassFileImporter().importPackages("kepufixture.blocking");
        assertThat(NO_BLOCKING_ON_PUBLISHERS.evaluate(fixture).hasViolation()).isTrue();
        assertThat(NO_WITH_JSON_READER.evaluate(fixture).hasViolation()).isTrue();
    }
}
