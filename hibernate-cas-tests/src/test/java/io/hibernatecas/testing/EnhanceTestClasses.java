package io.hibernatecas.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hibernate.bytecode.enhance.spi.DefaultEnhancementContext;
import org.hibernate.bytecode.enhance.spi.Enhancer;
import org.hibernate.bytecode.internal.bytebuddy.BytecodeProviderImpl;

/**
 * The build step that enhances the entities of one test package with Hibernate's own enhancer (ByteBuddy): inline
 * dirty tracking and lazy basic attributes, as the Hibernate Maven and Gradle plugins do. The
 * {@code hibernate-maven-plugin} exists on Maven Central for 7.4.1 and 7.4.3 only, so the build runs this class
 * (exec-maven-plugin, phase {@code process-test-classes}) with Hibernate's {@code Enhancer} API instead. The tests
 * assert that the classes really are enhanced.
 * <p>
 * Hibernate refuses to run a class enhanced by another Hibernate version, and a build that switches
 * {@code -Dhibernate.version} does not recompile the tests. So the compiler's class is kept next to the test classes
 * ({@code <test-classes>/../unenhanced-test-classes}) and every run enhances that copy with the Hibernate on the
 * class path; a freshly compiled class (no enhancement marker) replaces the kept copy.
 * <p>
 * Arguments: the test-classes directory and the package directory to enhance, e.g. {@code io/hibernatecas/enhanced}.
 */
public final class EnhanceTestClasses {

    private EnhanceTestClasses() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path dir = root.resolve(args[1]);
        Enhancer enhancer = new BytecodeProviderImpl().getEnhancer(new DefaultEnhancementContext() {
            @Override
            public ClassLoader getLoadingClassLoader() {
                return Thread.currentThread().getContextClassLoader();
            }
        });
        List<Path> classes;
        try (Stream<Path> files = Files.walk(dir)) {
            classes = files.filter(file -> file.toString().endsWith(".class")).toList();
        }
        Path originals = root.resolveSibling("unenhanced-test-classes");
        int enhanced = 0;
        for (Path file : classes) {
            String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
            name = name.substring(0, name.length() - ".class".length());
            Path original = originals.resolve(root.relativize(file).toString());
            byte[] bytes = Files.readAllBytes(file);
            if (isEnhanced(bytes) && Files.exists(original)) {
                bytes = Files.readAllBytes(original);
            }
            else if (!isEnhanced(bytes)) {
                Files.createDirectories(original.getParent());
                Files.write(original, bytes);
            }
            byte[] result = enhancer.enhance(name, bytes);
            if (result != null) {
                try {
                    Files.write(file, result);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                enhanced++;
            }
        }
        System.out.println("[cas-test] enhanced " + enhanced + " of " + classes.size() + " classes in " + dir);
    }

    /** Whether the class file carries Hibernate's enhancement marker ({@code @EnhancementInfo}). */
    private static boolean isEnhanced(byte[] classFile) {
        return new String(classFile, StandardCharsets.ISO_8859_1)
                .contains("Lorg/hibernate/bytecode/enhance/spi/EnhancementInfo;");
    }
}
