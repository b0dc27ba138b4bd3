package com.flashsale.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Gives every service that depends on this module the platform's problem handler. */
// Before WebFlux's own: its problem-details handler only steps in where no handler of this kind exists.
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
            "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration"
        })
@Import(ProblemHandler.class)
public class ProblemAutoConfiguration {}
