package com.flashsale.catalog.security;

import com.flashsale.auth.AccountStates;
import com.flashsale.auth.Caller;
import com.flashsale.auth.TokenIssuer;
import com.flashsale.auth.TokenVerifier;
import com.flashsale.web.ProblemJson;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Bearer-token security: stateless, RS256 tokens signed here with rotating keys, admin routes for the ADMIN role. */
@Configuration
class SecurityConfig {

    @Bean
    SigningKeys signingKeys(JwtSettings settings, Clock clock) {
        return SigningKeys.load(settings, clock);
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKeys keys, JwtSettings settings) {
        return new TokenIssuer(keys::signing, settings.lifetime());
    }

    @Bean
    AccountStates accountStates() {
        return new AccountStates();
    }

    @Bean
    TokenVerifier tokenVerifier(SigningKeys keys, AccountStates accounts, JwtSettings settings, Clock clock) {
        // The issuer knows its own keys: a kid it does not know is simply refused.
        return new TokenVerifier(keys.trusted(), accounts, clock, settings.clockSkew(), kid -> {});
    }

    @Bean
    PasswordEncoder passwordEncoder(@Value("${flashsale.auth.bcrypt-cost}") int cost) {
        return new BCryptPasswordEncoder(cost);
    }

    @Bean
    SecurityWebFilterChain securityChain(ServerHttpSecurity http, TokenVerifier verifier) {
        ReactiveAuthenticationManager tokens =
                authentication -> Mono.justOrEmpty(verifier.verify((String) authentication.getCredentials()))
                        .<org.springframework.security.core.Authentication>map(
                                caller -> new UsernamePasswordAuthenticationToken(
                                        caller,
                                        authentication.getCredentials(),
                                        List.of(new SimpleGrantedAuthority(
                                                "ROLE_" + caller.role().name()))))
                        .switchIfEmpty(Mono.error(() -> new BadCredentialsException("invalid or expired token")));
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(tokens);
        bearer.setServerAuthenticationConverter(SecurityConfig::bearerToken);
        bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler((exchange, e) ->
                problem(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "A valid bearer token is required.")));
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(routes -> routes.pathMatchers(
                                HttpMethod.POST, "/api/auth/login", "/api/auth/register", "/api/auth/logout")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/products/**", "/api/sales/**")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/.well-known/jwks.json")
                        .permitAll()
                        .pathMatchers("/actuator/**", "/docs/**", "/v3/api-docs/**", "/webjars/**")
                        .permitAll()
                        .pathMatchers("/api/admin/**")
                        .hasRole(Caller.Role.ADMIN.name())
                        .anyExchange()
                        .authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((exchange, e) -> problem(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "UNAUTHENTICATED",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((exchange, e) ->
                                problem(exchange, HttpStatus.FORBIDDEN, "FORBIDDEN", "This route needs another role.")))
                .build();
    }

    private static Mono<org.springframework.security.core.Authentication> bearerToken(ServerWebExchange exchange) {
        if (exchange.getRequest().getPath().value().equals("/api/auth/logout")) {
            // Signing out needs nobody signed in: a stale token must not turn it into a 401.
            return Mono.empty();
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.empty();
        }
        String token = header.substring(7).trim();
        return Mono.just(new UsernamePasswordAuthenticationToken(token, token));
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String reason, String detail) {
        return ProblemJson.write(exchange, status, reason, detail);
    }
}
