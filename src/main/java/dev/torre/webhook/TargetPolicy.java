package dev.torre.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where webhooks may be sent: {@code https} to public addresses, plus {@code http} to loopback when allowed (for
 * development). Private, link-local (cloud metadata included), unspecified and multicast addresses are never
 * targets; the host is resolved both when a subscription is defined and before each delivery, so a DNS answer
 * that changes later cannot point deliveries inside the network. A delivery connects to the address checked here
 * ({@link Target#address()}), never resolving the host a second time, so an answer that changes between the check
 * and the connection cannot either.
 */
final class TargetPolicy {

    /** Resolves a host name; replaceable so tests can play a DNS server whose answers change. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A checked target: the URL, and the resolved address a delivery connects to. */
    record Target(URI uri, InetAddress address) {
    }

    static volatile Resolver resolver = InetAddress::getAllByName;

    /** Why a target is refused, in the caller's terms. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private TargetPolicy() {
    }

    /** The URL checked as a target, resolving its host now. */
    static URI check(String url, boolean allowLoopback) throws Refused {
        return resolve(url, allowLoopback).uri();
    }

    /** The URL checked as a target and the address to connect to, from one resolution of its host. */
    static Target resolve(String url, boolean allowLoopback) throws Refused {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("must use https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("must be an absolute URL with a host and no user info or fragment");
        }
        InetAddress[] addresses;
        try {
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("names a host that does not resolve: " + uri.getHost());
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()) {
                if (!allowLoopback) {
                    throw new Refused("resolves to a loopback address (" + address.getHostAddress() + ")");
                }
            } else {
                allLoopback = false;
                String forbidden = forbidden(address);
                if (forbidden != null) {
                    throw new Refused("resolves to " + forbidden + " (" + address.getHostAddress() + ")");
                }
            }
        }
        if (scheme.equals("http") && !allLoopback) {
            throw new Refused("must use https (http is allowed only to loopback in development)");
        }
        if (addresses.length == 0) {
            throw new Refused("names a host that does not resolve: " + uri.getHost());
        }
        return new Target(uri, addresses[0]);
    }

    /** What kind of address this is when it may never be a target, or null for a public one. */
    static String forbidden(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local or cloud metadata address";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240) {
                return "a reserved or shared address";
            }
        } else if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "a private (unique local) address"; // fc00::/7, which holds AWS's metadata fd00:ec2::254
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "a private address"; // the old site-local fec0::/10
            }
        }
        return null;
    }
}
