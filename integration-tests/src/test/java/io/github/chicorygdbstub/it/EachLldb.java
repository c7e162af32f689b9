package io.github.chicorygdbstub.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scenario both LLDBs go through: the test runs once with {@link Lldb#V19} and once with
 * {@link Lldb#V22}, which it takes as its parameter, and is named after the one it runs with.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(Lldb.class)
@interface EachLldb {}
