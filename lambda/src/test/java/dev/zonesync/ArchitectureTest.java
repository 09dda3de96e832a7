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

/**
 * The package graph of docs/architecture.md, enforced on the production classes (core's included):
 * model ← plan ← sync ← the adapters ({@code source}, {@code route53}) ← {@code app} ← the edges
 * ({@code cli}, {@code handler}).
 */
@AnalyzeClasses(packages = "dev.zonesync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule modelDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.zonesync.model..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.zonesync..").and(not(resideInAPackage("dev.zonesync.model.."))))
          .because("the model is the vocabulary every package shares");

  @ArchTest
  static final ArchRule planDependsOnlyOnModel =
      noClasses()
          .that()
          .resideInAPackage("dev.zonesync.plan..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.zonesync..")
                  .and(not(resideInAnyPackage("dev.zonesync.plan..", "dev.zonesync.model.."))))
          .because("planning is pure: values in, values out");

  @ArchTest
  static final ArchRule syncDependsOnItsPortsNotOnTheirImplementations =
      noClasses()
          .that()
          .resideInAPackage("dev.zonesync.sync..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.zonesync.route53..",
              "dev.zonesync.source..",
              "dev.zonesync.aws..",
              "dev.zonesync.app..",
              "dev.zonesync.handler..",
              "dev.zonesync.cli..",
              "org.xbill..",
              "software.amazon..")
          .because("sync owns the ports it calls; route53 and source implement them");

  @ArchTest
  static final ArchRule dnsjavaOnlyInSource =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.zonesync.source..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.xbill..")
          .because("dnsjava's types are converted to the model once, in source");

  @ArchTest
  static final ArchRule awsSdkOnlyInRoute53AwsAndApp =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "dev.zonesync.route53..", "dev.zonesync.aws..", "dev.zonesync.app..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("software.amazon.awssdk..")
          .because(
              "the SDK's types are converted at the Route 53 boundary; app builds the clients");

  @ArchTest
  static final ArchRule cliDoesNotDependOnHandler =
      noClasses()
          .that()
          .resideInAPackage("dev.zonesync.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.zonesync.handler..")
          .because("both edges share app, not each other");

  @ArchTest
  static final ArchRule handlerDoesNotDependOnCli =
      noClasses()
          .that()
          .resideInAPackage("dev.zonesync.handler..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.zonesync.cli..")
          .because("both edges share app, not each other");

  @ArchTest
  static final ArchRule noCyclesBetweenPackages =
      slices().matching("dev.zonesync.(*)..").should().beFreeOfCycles();
}
