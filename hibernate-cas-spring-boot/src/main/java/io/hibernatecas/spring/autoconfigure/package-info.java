/**
 * Spring Boot auto-configuration of hibernate-cas (listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}); each part can be
 * switched off with a {@code hibernate.cas.spring.*} property (see {@code docs/spring-boot.md}). Internal: the
 * classes here may change in any release; applications use {@code io.hibernatecas.spring}.
 */
package io.hibernatecas.spring.autoconfigure;
