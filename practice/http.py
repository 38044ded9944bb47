"""Facts about an incoming request that depend on how the site is deployed."""

import contextlib
import functools
import ipaddress

from django.conf import settings
from django.core.signals import setting_changed

# An IPv6 subscriber gets a whole /64 (often more) and can pick any address in it, so one visitor
# is one /64; IPv4 addresses are scarce enough to stand for one visitor each.
IPV6_VISITOR_PREFIX = 64


def parse_network(entry):
    """The network `entry` names ("127.0.0.1", "10.0.0.0/8", "::1"); ValueError when it names none."""
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        raise ValueError(f"{entry!r} is not an IP address or network") from None


@functools.cache
def trusted_proxies():
    """The networks of TRUSTED_PROXIES; entries that are not one are left out (check --deploy names them).

    Parsed once: page views counted on cache hits read them on every hit. Again when a test changes
    the setting."""
    networks = []
    for entry in settings.TRUSTED_PROXIES:
        with contextlib.suppress(ValueError):
            networks.append(parse_network(entry))
    return tuple(networks)


def forget_trusted_proxies(*, setting, **kwargs):
    if setting == "TRUSTED_PROXIES":
        trusted_proxies.cache_clear()


setting_changed.connect(forget_trusted_proxies, dispatch_uid="trusted-proxies")


def parse_address(value):
    """An IP address, or None for anything else (a port, a name, "unknown", garbage)."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket shows up as ::ffff:a.b.c.d: the same visitor.
    return address.ipv4_mapped or address if address.version == 6 else address


def client_ip(request):
    """The visitor's IP address (`environ_client_ip` of the request's META)."""
    return environ_client_ip(request.META)


def environ_client_ip(meta):
    """The visitor's IP address from a WSGI environ (request.META, or the environ of a hit the page
    cache answers before Django), believing X-Forwarded-For only as far as our proxies wrote it.

    The header is read only when the connection comes from a TRUSTED_PROXIES address. Each proxy
    appends the address it saw, so walking from the right past our own proxies, the first other
    address is the visitor's; anything further left was sent by the client and could be forged.
    An entry that is not an address stops the walk at the last proxy that vouched for it.
    """
    remote = meta.get("REMOTE_ADDR", "")
    address = parse_address(remote)
    if address is None:
        return remote
    proxies = trusted_proxies()
    for entry in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        if not any(address in network for network in proxies):
            break
        forwarded = parse_address(entry)
        if forwarded is None:
            break
        address = forwarded
    return str(address)


def client_network(request):
    """What stands for one visitor when counting requests or linking abuse: the IPv4 address, or
    the /64 network of an IPv6 one."""
    return visitor_network(client_ip(request))


def visitor_network(ip):
    """`client_network` of a client address as text: the IPv4 address, or the IPv6 one's /64."""
    address = parse_address(ip)
    if address is None:
        return ""
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_VISITOR_PREFIX}", strict=False))
    return str(address)
