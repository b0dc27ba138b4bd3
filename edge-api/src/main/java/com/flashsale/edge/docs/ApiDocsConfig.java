package com.flashsale.edge.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The head of the public API document: what the platform is, where to call it, how to sign in. */
@Configuration
class ApiDocsConfig {

    @Bean
    OpenAPI publicApi() {
        return new OpenAPI()
                .info(new Info().title("Flash-sale platform API").version("v1").description("""
                                Every public route of the platform, all served by edge-api on this origin: the \
                                purchase pipeline and sale reads by edge-api itself, accounts, the catalogue and \
                                the admin API by catalog-service behind it.

                                **Signing in.** `POST /api/auth/login` with `{"username": "user1", "password": \
                                "Satu123"}` (the demo accounts of the local stack) answers a `token`. Press \
                                **Authorize**, paste the token, and the routes with a lock send it as \
                                `Authorization: Bearer <token>`. Routes under `/api/admin` need the ADMIN role \
                                (account `admin` locally).

                                **Errors.** Every error is RFC 9457 problem details (`application/problem+json`, \
                                schema `ProblemDetail`) with a stable `reason` to act on; a `400 \
                                VALIDATION_FAILED` lists the wrong fields in `errors`.

                                **Buying.** `POST /api/sales/{saleId}/purchases` answers `202` once the request is \
                                queued; its outcome arrives on `GET /api/purchases/events` (SSE) or by polling \
                                `GET /api/purchases/{requestId}`."""))
                // Relative: "Try it out" calls the origin the page was loaded from.
                .addServersItem(new Server().url("/").description("this edge-api"));
    }
}
