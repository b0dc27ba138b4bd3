package com.flashsale.catalog.auth;

import com.flashsale.web.Throttle;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The throttles against guessing passwords and mass registration. Failed sign-ins are counted per
 * account and client address (the attacker's own place), per address (one place trying many
 * accounts) and per account (many places trying one); each refills on its own, so a real user can
 * sign in again soon after an attack stops, and from another place even while it goes on.
 */
@ConfigurationProperties("flashsale.auth.throttle")
public record ThrottleSettings(
        Throttle.Rule loginPerAccountAndAddress,
        Throttle.Rule loginPerAddress,
        Throttle.Rule loginPerAccount,
        Throttle.Rule registrationPerAddress) {}
