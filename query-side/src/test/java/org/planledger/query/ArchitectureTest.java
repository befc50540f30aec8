package org.planledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.query.support.FoldStates;

/**
 * The layout of the query side: one package per read model or feature, projections that derive their rows from the one
 * fold of the history and know nothing of each other, and no package cycles.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.planledger.query");
    }

    @Test
    void everyProjectionFoldsEventsThroughTheOneFold() {
        classes().that().areAnnotatedWith(ProcessingGroup.class)
                .should().dependOnClassesThat().areAssignableTo(FoldStates.class)
                .because("a read model derives its rows from the states of the one fold, never from its own reading "
                        + "of event types")
                .check(classes);
    }

    @Test
    void projectionsKnowNothingOfEachOther() {
        noClasses().that().areAnnotatedWith(ProcessingGroup.class)
                .should().dependOnClassesThat().areAnnotatedWith(ProcessingGroup.class)
                .check(classes);
    }

    @Test
    void projectionsLiveInTheirReadModelsPackage() {
        classes().that().areAnnotatedWith(ProcessingGroup.class)
                .should().resideInAnyPackage("..query.plan..", "..query.history..", "..query.audit..")
                .check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.planledger.query.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSharedSupportPackageDependsOnNoFeature() {
        noClasses().that().resideInAPackage("..query.support..")
                .should().dependOnClassesThat().resideInAnyPackage("..query.plan..", "..query.history..",
                        "..query.audit..", "..query.report..", "..query.workload..", "..query.ledger..")
                .check(classes);
    }
}
