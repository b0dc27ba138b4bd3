package com.flashsale.catalog.auth.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address of the client behind a request. catalog-service sits behind edge-api, which sets
 * {@code X-Forwarded-For} to the shopper's address; the header is believed only when the request
 * comes from a trusted proxy, so nobody who reaches the service directly can pick their own address.
 */
@Component
class ClientAddresses {

    private final List<String> trustedProxies;

    ClientAddresses(@Value("${flashsale.auth.trusted-proxies}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).toList();
    }

    String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
        if (forwarded == null || !isTrusted(remote)) {
            return peer;
        }
        // The right-most entry that is not a trusted proxy is the client (entries to its left are its claims).
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return false;
        }
        InetAddress address = remote.getAddress();
        return trustedProxies.contains(address.getHostAddress())
                || (trustedProxies.contains("loopback") && address.isLoopbackAddress())
                || (trustedProxies.contains("private")
                        && (address.isSiteLocalAddress() || address.isLoopbackAddress()));
    }
}
