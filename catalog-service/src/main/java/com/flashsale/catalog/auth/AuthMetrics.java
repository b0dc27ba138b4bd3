package com.flashsale.catalog.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Sign-ins by result and the requests the sign-in and registration throttles turned away. */
@Component
class AuthMetrics {

    private final Counter signedIn;
    private final Counter badCredentials;
    private final Counter disabled;
    private final Counter throttledSignIn;
    private final Counter throttledSignInRequests;
    private final Counter throttledRegistrations;

    AuthMetrics(MeterRegistry registry) {
        signedIn = login(registry, "success");
        badCredentials = login(registry, "bad_credentials");
        disabled = login(registry, "account_disabled");
        throttledSignIn = login(registry, "throttled");
        throttledSignInRequests = throttled(registry, "sign_in");
        throttledRegistrations = throttled(registry, "registration");
    }

    void signedIn() {
        signedIn.increment();
    }

    void badCredentials() {
        badCredentials.increment();
    }

    void accountDisabled() {
        disabled.increment();
    }

    void signInThrottled() {
        throttledSignIn.increment();
        throttledSignInRequests.increment();
    }

    void registrationThrottled() {
        throttledRegistrations.increment();
    }

    private static Counter login(MeterRegistry registry, String result) {
        return Counter.builder("flashsale.catalog.logins")
                .description("Sign-ins by result")
                .tag("result", result)
                .register(registry);
    }

    private static Counter throttled(MeterRegistry registry, String kind) {
        return Counter.builder("flashsale.catalog.throttled")
                .description("Requests refused 429 by a throttle")
                .tag("kind", kind)
                .register(registry);
    }
}
