package com.flashsale.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Gives every service that depends on this module the platform's problem handler. */
@AutoConfiguration
@Import(ProblemHandler.class)
public class ProblemAutoConfiguration {}
