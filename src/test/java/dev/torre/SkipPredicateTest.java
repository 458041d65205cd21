package dev.torre;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.scheduler.Scheduled;

/**
 * A scheduled job's skip predicate must be a CDI bean: otherwise Quarkus makes it without injecting its fields, its
 * config is null, and every scheduled pass fails before it starts (the webhook and import workers never ran so).
 */
class SkipPredicateTest {

    @Test
    void everySkipPredicateIsABean() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.torre");
        classes().that().implement(Scheduled.SkipPredicate.class)
                .should().beAnnotatedWith(jakarta.inject.Singleton.class)
                .orShould().beAnnotatedWith(jakarta.enterprise.context.ApplicationScoped.class)
                .allowEmptyShould(false)
                .check(main);
    }
}
