package io.logwarden;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps DESIGN.md's package layout honest. */
class ArchitectureTest {

    private static final List<String> FEATURES = List.of("event", "ingest", "storage", "search", "analytics",
            "anomaly", "alert", "export", "retention", "audit", "security", "health", "base");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.logwarden");
    }

    @Test
    void only_storage_uses_the_elasticsearch_client() {
        noClasses().that().resideOutsideOfPackage("io.logwarden.storage..")
                .should().dependOnClassesThat().resideInAPackage("co.elastic.clients..")
                .check(classes);
    }

    @Test
    void only_ui_packages_use_vaadin() {
        noClasses().that().resideOutsideOfPackage("..ui..")
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .check(classes);
    }

    @Test
    void services_do_not_depend_on_views() {
        noClasses().that().resideOutsideOfPackage("..ui..")
                .should().dependOnClassesThat().resideInAPackage("..ui..")
                .check(classes);
    }

    @Test
    void feature_packages_are_free_of_cycles() {
        slices().matching("io.logwarden.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void features_do_not_reach_into_each_others_internals() {
        for (String feature : FEATURES) {
            noClasses().that().resideOutsideOfPackage("io.logwarden." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.logwarden." + feature + ".internal..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }
}
