/** Signing in and registering: passwords in, RS256 access tokens out. */
package com.flashsale.catalog.auth;
