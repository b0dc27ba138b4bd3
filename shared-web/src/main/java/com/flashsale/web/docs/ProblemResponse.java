package com.flashsale.web.docs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A refusal the annotated route may answer, documented as an RFC 9457 problem with its reason and
 * an example detail. Refusals every route shares (401, 403, 400 for bad input) are added by
 * {@link ApiConventions}; name here the ones that belong to this route.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

    /** The HTTP status, e.g. 409. */
    int status();

    /** The stable reason code, e.g. {@code SOLD_OUT}. */
    String reason();

    /** An example of the readable detail. */
    String detail();

    /** The container of repeated {@link ProblemResponse}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        ProblemResponse[] value();
    }
}
