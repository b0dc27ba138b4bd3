/**
 * The OpenAPI conventions of the services (springdoc): who may call each route ({@link
 * com.flashsale.web.docs.Access}), the refusals it may answer, the bearer scheme and the problem
 * schema. Documentation only: nothing here runs while a request is served.
 */
package com.flashsale.web.docs;
