package dev.torre;

import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduled;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import dev.torre.platform.graphql.GraphQLProblem;
import dev.torre.platform.persistence.WorkerTick;

/**
 * The package rules of STYLE.md: capabilities build on {@code platform} and reach each other
 * only through services and views; transports hold no persistence; errors are coded once.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.torre";
    private static final String PLATFORM = "dev.torre.platform..";

    private static final String CONTACT = ROOT + ".contact..";
    private static final String CONTACT_HUB = ROOT + ".contact.ContactService";

    /** The seams through which other capabilities write contacts, and the capabilities that may use each. */
    private static final Map<String, List<String>> CONTACT_WRITE_SEAMS = Map.of(
            ROOT + ".contact.ContactActivityService", List.of("interaction", "order"),
            ROOT + ".contact.ContactScoreService", List.of("scoring"),
            ROOT + ".contact.ContactIntakeService", List.of("interaction", "order"),
            ROOT + ".contact.ContactErasureService", List.of("privacy"),
            ROOT + ".contact.ContactSelfService", List.of("portal"));

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void platformDependsOnNoCapability() {
        noClasses().that().resideInAPackage(PLATFORM)
                .should(dependOnACapability())
                .check(classes);
    }

    @Test
    void capabilitiesUseEachOtherOnlyThroughServicesAndViews() {
        classes().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackage(PLATFORM)
                .should(useOtherCapabilitiesOnlyThroughServicesAndViews())
                .check(classes);
    }

    @Test
    void capabilitiesDoNotDependOnEachOtherInCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * The platform's own packages form layers, not a knot: where a lower package needs a decision made
     * above it, it declares an interface the upper one implements (FieldGuard, ReadCounter, PolicyGrants,
     * PropertyAccess).
     */
    @Test
    void platformPackagesDoNotDependOnEachOtherInCycles() {
        slices().matching(ROOT + ".platform.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Other capabilities reach contacts through named seams, never through the hub {@code ContactService}: reads
     * through {@code ContactLookupService}, and each kind of write through its own seam, used only by the
     * capabilities listed here. A new writer adds a seam (or a line here) rather than another caller of the hub.
     * The one named exception is {@code MergeService}, which handles contacts as it handles any record type: through
     * their generic record operations (read, input type, merge patch).
     */
    @Test
    void otherCapabilitiesReachContactsOnlyThroughNamedSeams() {
        noClasses().that().resideOutsideOfPackage(CONTACT).and().doNotHaveFullyQualifiedName(ROOT + ".merge.MergeService")
                .should().dependOnClassesThat().haveFullyQualifiedName(CONTACT_HUB)
                .because("ContactService is the contact package's own; other capabilities use its named seams")
                .check(classes);
        CONTACT_WRITE_SEAMS.forEach((seam, users) -> {
            String[] allowed = java.util.stream.Stream.concat(java.util.stream.Stream.of(CONTACT),
                    users.stream().map(user -> ROOT + "." + user + "..")).toArray(String[]::new);
            classes().that().haveFullyQualifiedName(seam).should().onlyHaveDependentClassesThat().resideInAnyPackage(allowed)
                    .because("each write seam of contacts names the capabilities that make that write")
                    .check(classes);
        });
    }

    @Test
    void transportsUseNeitherTheEntityManagerNorEntities() {
        noClasses().that().areAnnotatedWith(Path.class).or().areAnnotatedWith(GraphQLApi.class)
                .should().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .because("resources and GraphQL classes only translate to service calls, and entities never cross the API")
                .check(classes);
    }

    @Test
    void aCapabilitysEntitiesAreWrittenOnlyByTheirService() {
        classes().should(writeEntityFieldsOnlyFromTheirService()).check(classes);
    }

    @Test
    void servicesKnowNoTransport() {
        noClasses().that().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                        "org.eclipse.microprofile.graphql..", "graphql..", "io.smallrye.graphql..", "io.vertx..")
                .because("REST and GraphQL call the same service methods, which speak only Torre's own types")
                .check(classes);
    }

    @Test
    void onlyTheErrorMappersUseFrameworkHttpExceptions() {
        noClasses().that().resideOutsideOfPackage("dev.torre.platform.error..")
                .should().dependOnClassesThat().areAssignableTo(WebApplicationException.class)
                .orShould().dependOnClassesThat().resideInAPackage("io.quarkus.security..")
                .because("failures are thrown as TorreException and translated once per transport")
                .check(classes);
    }

    @Test
    void theServerClockIsTheOnlyNow() {
        // Token lifetimes are checked against real time (the issuer's clock), so the token classes read it directly.
        noClasses().that().doNotHaveFullyQualifiedName(dev.torre.platform.time.ServerClock.class.getName())
                .and().doNotHaveFullyQualifiedName(dev.torre.platform.security.VerifiedTokens.class.getName())
                .and().doNotHaveFullyQualifiedName(dev.torre.platform.security.PortalTokens.class.getName())
                .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("now"))
                        .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                        JavaClass.Predicates.resideInAPackage("java.time")))))
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("every time rule reads the injected ServerClock, which tests move instead of sleeping")
                .check(classes);
    }

    @Test
    void onlyTheGraphQLTranslatorMakesGraphQLErrors() {
        noClasses().that().resideOutsideOfPackage("dev.torre.platform.graphql..")
                .should().dependOnClassesThat().areAssignableTo(GraphQLProblem.class)
                .orShould().dependOnClassesThat().areAssignableTo(graphql.GraphQLError.class)
                .check(classes);
    }

    @Test
    void skipPredicatesAreBeans() {
        // Quarkus makes a predicate that is not a bean with its constructor, so its @Inject fields stay null and the
        // check fails on every tick: the import, export and webhook workers never ran in a packaged server that way.
        classes().that().implement(Scheduled.SkipPredicate.class)
                .should().beAnnotatedWith(Singleton.class)
                .orShould().beAnnotatedWith(ApplicationScoped.class)
                .because("a scheduled worker's on/off switch needs its configuration injected")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void scheduledMethodsAreWorkerTicks() {
        // without it, a database outage is an ERROR with a stack trace on every tick of every worker
        methods().that().areAnnotatedWith(Scheduled.class)
                .should().beAnnotatedWith(WorkerTick.class)
                .because("a database outage is logged once per worker (platform.persistence.WorkerTicks), not on every tick")
                .allowEmptyShould(false)
                .check(classes);
    }

    // --- conditions ---

    /** The capability a class belongs to ({@code contact}, {@code company}, ...), or null for platform and others. */
    private static String capabilityOf(JavaClass type) {
        String name = type.getBaseComponentType().getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return null;
        }
        String first = name.substring(ROOT.length() + 1).split("\\.")[0];
        return first.equals("platform") ? null : first;
    }

    private static ArchCondition<JavaClass> dependOnACapability() {
        return new ArchCondition<>("depend on a capability") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    boolean capability = capabilityOf(dependency.getTargetClass()) != null;
                    events.add(new SimpleConditionEvent(dependency, capability, dependency.getDescription()));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> useOtherCapabilitiesOnlyThroughServicesAndViews() {
        return new ArchCondition<>("use other capabilities only through their *Service and *View classes") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = capabilityOf(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String theirs = capabilityOf(target);
                    if (theirs != null && !theirs.equals(own)) {
                        String simple = target.getSimpleName();
                        boolean allowed = target.getEnclosingClass().isEmpty()
                                && (simple.endsWith("Service") || simple.endsWith("View"));
                        if (!allowed) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> writeEntityFieldsOnlyFromTheirService() {
        return new ArchCondition<>("set the fields of a capability's entity only from the entity itself or its service") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (JavaFieldAccess access : origin.getFieldAccessesFromSelf()) {
                    if (access.getAccessType() != JavaFieldAccess.AccessType.SET) {
                        continue;
                    }
                    JavaClass entity = access.getTargetOwner();
                    if (!entity.isAnnotatedWith(Entity.class) || capabilityOf(entity) == null) {
                        continue;
                    }
                    String service = entity.getPackageName() + "." + entity.getSimpleName() + "Service";
                    boolean allowed = origin.equals(entity) || origin.getName().equals(service);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
    }
}
