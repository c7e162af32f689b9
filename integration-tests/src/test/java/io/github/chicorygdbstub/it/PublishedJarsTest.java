package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jars this build publishes carry what redistribution asks for: the project's license and
 * notice, their module-info, and, in the command-line jar, the license files of what it bundles
 * and a list that names every bundled library. Here rather than in gdbstub because the cli jar is
 * only made at {@code package}, after gdbstub's own tests.
 */
class PublishedJarsTest {
    private static final Pattern BUNDLED_POM = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");

    @Test
    void libraryJarsCarryLicenseNoticeAndModuleName() throws IOException {
        for (String module : new String[] {"dwarf", "runtime", "gdbstub"}) {
            try (var jar = new JarFile(jar(module, "").toFile())) {
                assertThat(text(jar, "META-INF/LICENSE")).as(module)
                        .contains("Apache License", "Version 2.0, January 2004");
                assertThat(text(jar, "META-INF/NOTICE")).as(module).contains("chicory-gdbstub");
            }
            ModuleDescriptor descriptor = descriptor(jar(module, ""));
            assertThat(descriptor.name()).isEqualTo("io.github.chicorygdbstub." + module);
            assertThat(descriptor.isAutomatic()).as(module + " has a module-info").isFalse();
        }
    }

    @Test
    void buildTimeCompilerAndMavenPluginJarsArePublishable() throws IOException {
        Path compiler = jar("build-time-compiler", "");
        try (var jar = new JarFile(compiler.toFile())) {
            assertThat(text(jar, "META-INF/LICENSE")).contains("Apache License", "Version 2.0, January 2004");
            assertThat(text(jar, "META-INF/NOTICE")).contains("chicory-gdbstub");
        }
        assertThat(descriptor(compiler).name()).isEqualTo("io.github.chicorygdbstub.buildtime");
        assertThat(descriptor(compiler).isAutomatic()).isFalse();

        Path plugin = Tools.projectRoot().resolve("maven-plugin/target/chicory-gdbstub-maven-plugin-"
                + System.getProperty("project.version") + ".jar");
        try (var jar = new JarFile(plugin.toFile())) {
            assertThat(text(jar, "META-INF/LICENSE")).contains("Apache License");
            assertThat(text(jar, "META-INF/maven/plugin.xml")).contains("<goalPrefix>chicory-gdbstub</goalPrefix>",
                    "<goal>compile</goal>", "<name>embedOriginal</name>");
        }
    }

    @Test
    void cliJarIsOneAutomaticModuleNamedAsTheServer() {
        // Its Automatic-Module-Name: the bundled jars' module-infos are left out, so that nothing in
        // it needs opening to anything else (docs/embedding.md, "Class path and module path").
        ModuleDescriptor cli = descriptor(jar("gdbstub", "-cli"));
        assertThat(cli.name()).isEqualTo("io.github.chicorygdbstub.gdbstub");
        assertThat(cli.isAutomatic()).isTrue();
        assertThat(cli.packages()).as("the project's modules, bundled").contains("io.github.chicorygdbstub.dwarf",
                "io.github.chicorygdbstub.runtime.control", "io.github.chicorygdbstub.buildtime");
    }

    @Test
    void cliJarKeepsTheLicenseFilesOfWhatItBundles() throws IOException {
        try (var jar = new JarFile(jar("gdbstub", "-cli").toFile())) {
            String license = text(jar, "META-INF/LICENSE");
            assertThat(license).contains("Apache License", "Version 2.0, January 2004");
            // One copy, though each of the project's jars in it carries one.
            assertThat(license.indexOf("January 2004")).isEqualTo(license.lastIndexOf("January 2004"));
            assertThat(text(jar, "META-INF/NOTICE")).contains("chicory-gdbstub");
            assertThat(text(jar, "META-INF/LICENSE.txt")).as("SLF4J's MIT license")
                    .contains("QOS.ch", "Permission is hereby granted");
        }
    }

    @Test
    void cliJarNamesEveryBundledLibrary() throws IOException {
        try (var jar = new JarFile(jar("gdbstub", "-cli").toFile())) {
            Set<String> bundled = new TreeSet<>();
            jar.stream().forEach(entry -> {
                Matcher pom = BUNDLED_POM.matcher(entry.getName());
                if (pom.matches() && !pom.group(1).equals("io.github.chicorygdbstub")) {
                    bundled.add(pom.group(1) + ":" + pom.group(2));
                }
            });
            assertThat(bundled).contains("com.dylibso.chicory:runtime", "io.netty:netty-common", "org.slf4j:slf4j-api",
                    "ch.qos.logback:logback-classic");
            String thirdParty = text(jar, "META-INF/THIRD-PARTY.txt");
            assertThat(bundled).allSatisfy(library -> assertThat(thirdParty)
                    .as("META-INF/THIRD-PARTY.txt (gdbstub/src/cli-jar) names " + library).contains(library));
        }
    }

    private static Path jar(String module, String classifier) {
        return Tools.builtJar(module, classifier);
    }

    private static ModuleDescriptor descriptor(Path jar) {
        return ModuleFinder.of(jar).findAll().iterator().next().descriptor();
    }

    private static String text(JarFile jar, String name) throws IOException {
        var entry = jar.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (var in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
