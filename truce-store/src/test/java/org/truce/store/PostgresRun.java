package org.truce.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a test class that runs against PostgreSQL; {@link PostgresSwitch} leaves it out when switched off. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface PostgresRun {
}
