package dev.zonesync;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core module's share of docs/architecture.md: no AWS SDK, no dnsjava, model ← plan. */
@AnalyzeClasses(packages = "dev.zonesync", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule noSdkNoDnsjava =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("software.amazon..", "org.xbill..")
          .because("core is shared by the function and the CDK app");

  @ArchTest
  static final ArchRule modelDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.zonesync.model..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.zonesync..")
                  .and(not(resideInAPackage("dev.zonesync.model.."))));

  @ArchTest
  static final ArchRule planDependsOnlyOnModel =
      noClasses()
          .that()
          .resideInAPackage("dev.zonesync.plan..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.zonesync..")
                  .and(not(resideInAnyPackage("dev.zonesync.plan..", "dev.zonesync.model.."))));

  @ArchTest
  static final ArchRule noCyclesBetweenPackages =
      slices().matching("dev.zonesync.(*)..").should().beFreeOfCycles();
}
