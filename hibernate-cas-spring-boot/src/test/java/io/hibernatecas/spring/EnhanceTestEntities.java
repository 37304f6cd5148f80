package io.hibernatecas.spring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hibernate.bytecode.enhance.spi.DefaultEnhancementContext;
import org.hibernate.bytecode.enhance.spi.Enhancer;
import org.hibernate.bytecode.internal.bytebuddy.BytecodeProviderImpl;

/**
 * Build step (exec-maven-plugin, {@code process-test-classes}): enhances the classes of one test package with
 * Hibernate's {@code Enhancer}, of the Hibernate version the tests run on (the Maven plugin is on Maven Central
 * for 7.4.1 and 7.4.3 only). The compiler's class files are kept in {@code target/unenhanced-test-classes} and
 * enhanced again from there when the classes were enhanced by an earlier build (on another Hibernate, whose
 * enhancer refuses the result). Arguments: the test-classes directory and the package directory.
 */
public final class EnhanceTestEntities {

    private EnhanceTestEntities() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Enhancer enhancer = new BytecodeProviderImpl().getEnhancer(new DefaultEnhancementContext());
        List<Path> classes;
        try (Stream<Path> files = Files.walk(root.resolve(args[1]))) {
            classes = files.filter(file -> file.toString().endsWith(".class")).toList();
        }
        // the compiler's class files, kept so that a build on another Hibernate enhances them again
        Path originals = root.resolveSibling("unenhanced-test-classes");
        for (Path file : classes) {
            String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                    .replaceAll("\\.class$", "");
            Path original = originals.resolve(root.relativize(file).toString());
            byte[] bytes = Files.readAllBytes(file);
            if (!isEnhanced(bytes)) {
                Files.createDirectories(original.getParent());
                Files.write(original, bytes);
            }
            else if (Files.exists(original)) {
                bytes = Files.readAllBytes(original);
            }
            byte[] enhanced = enhancer.enhance(name, bytes);
            if (enhanced != null) {
                Files.write(file, enhanced);
                System.out.println("[cas-test] enhanced " + name);
            }
        }
    }

    /** Whether the class file carries Hibernate's enhancement marker ({@code @EnhancementInfo}). */
    private static boolean isEnhanced(byte[] classFile) {
        return new String(classFile, StandardCharsets.ISO_8859_1)
                .contains("Lorg/hibernate/bytecode/enhance/spi/EnhancementInfo;");
    }
}
