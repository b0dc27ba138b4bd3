package com.flashsale.web.docs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call the annotated route (or every route of the annotated class). The OpenAPI document
 * turns it into the operation's security requirement, and the route tests hold the served answers
 * to it. A route without it is {@link Audience#ADMIN} under {@code /api/admin/} and
 * {@link Audience#SIGNED_IN} elsewhere: a new route is never documented as open by accident.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Access {

    Audience value();
}
