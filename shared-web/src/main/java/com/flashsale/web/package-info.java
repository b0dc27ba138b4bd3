/** RFC 9457 problem details shared by the WebFlux services: one shape, one handler, one writer. */
package com.flashsale.web;
