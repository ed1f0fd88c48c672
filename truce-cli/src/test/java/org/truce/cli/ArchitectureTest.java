package org.truce.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The arrows point inward: the domain does no IO, only the adapters know their technology. */
@AnalyzeClasses(packages = "org.truce", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Verify").definedBy("org.truce.verify..")
            .layer("Domain").definedBy("org.truce.domain..")
            .layer("Log").definedBy("org.truce.log..")
            .layer("Service").definedBy("org.truce.service..")
            .layer("Store").definedBy("org.truce.store..")
            .layer("Web").definedBy("org.truce.web..")
            .layer("Cli").definedBy("org.truce.cli..")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Web").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Service").mayOnlyBeAccessedByLayers("Web", "Store", "Cli")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Service", "Web", "Store", "Cli")
            .whereLayer("Log").mayOnlyBeAccessedByLayers("Service", "Web", "Store", "Cli")
            .whereLayer("Verify").mayOnlyBeAccessedByLayers("Log", "Service", "Web", "Store", "Cli");

    @ArchTest
    static final ArchRule domainDoesNoIo = noClasses().that().resideInAPackage("org.truce.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..",
                    "javax.sql..", "org.slf4j..", "com.fasterxml..", "org.jdbi..", "io.javalin..", "java.util.concurrent..")
            .because("the domain is pure: IO, logging, JSON and concurrency belong to the adapters and services");

    @ArchTest
    static final ArchRule domainReadsNoClock = noClasses().that().resideInAPackage("org.truce.domain..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.util.UUID.class, "randomUUID")
            .because("time and randomness come into the domain as arguments");

    @ArchTest
    static final ArchRule domainKnowsOnlyJdkAndJts = noClasses().that().resideInAPackage("org.truce.domain..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.locationtech.jts..", "org.truce.domain..");

    @ArchTest
    static final ArchRule verifierKnowsOnlyTheJdk = noClasses().that().resideInAPackage("org.truce.verify..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax..", "com.sun.net.httpserver..", "org.truce.verify..");

    @ArchTest
    static final ArchRule logKnowsOnlyTheJdkAndTheVerifier = noClasses().that().resideInAPackage("org.truce.log..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.truce.log..", "org.truce.verify..");

    @ArchTest
    static final ArchRule onlyTheStoreKnowsSql = noClasses().that().resideOutsideOfPackage("org.truce.store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..", "org.flywaydb..", "com.zaxxer..", "org.h2..",
                    "org.postgresql..");

    @ArchTest
    static final ArchRule onlyTheWebKnowsHttp = noClasses().that().resideOutsideOfPackages("org.truce.web..", "org.truce.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "gg.jte..", "jakarta.servlet..", "org.eclipse.jetty..");

    @ArchTest
    static final ArchRule onlyTheCliKnowsPicocli = noClasses().that().resideOutsideOfPackage("org.truce.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..");
}
