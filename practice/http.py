"""Facts about an incoming request that depend on how the site is deployed."""

import contextlib
import ipaddress

from django.conf import settings

# An IPv6 subscriber gets a whole /64 (often more) and can pick any address in it, so one visitor
# is one /64; IPv4 addresses are scarce enough to stand for one visitor each.
IPV6_VISITOR_PREFIX = 64


def parse_network(entry):
    """The network `entry` names ("127.0.0.1", "10.0.0.0/8", "::1"); ValueError when it names none."""
    try:
        return ipaddress.ip_network(entry.strip(), strict=False)
    except ValueError:
        raise ValueError(f"{entry!r} is not an IP address or network") from None


def trusted_proxies():
    """The networks of TRUSTED_PROXIES; entries that are not one are left out (check --deploy names them)."""
    networks = []
    for entry in settings.TRUSTED_PROXIES:
        with contextlib.suppress(ValueError):
            networks.append(parse_network(entry))
    return networks


def parse_address(value):
    """An IP address, or None for anything else (a port, a name, "unknown", garbage)."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket shows up as ::ffff:a.b.c.d: the same visitor.
    return address.ipv4_mapped or address if address.version == 6 else address


def client_ip(request):
    """The visitor's IP address, believing X-Forwarded-For only as far as it was written by our proxies.

    The header is read only when the connection comes from a TRUSTED_PROXIES address. Each proxy
    appends the address it saw, so walking from the right past our own proxies, the first other
    address is the visitor's; anything further left was sent by the client and could be forged.
    An entry that is not an address stops the walk at the last proxy that vouched for it.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    address = parse_address(remote)
    if address is None:
        return remote
    proxies = trusted_proxies()
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
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
    address = parse_address(client_ip(request))
    if address is None:
        return ""
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_VISITOR_PREFIX}", strict=False))
    return str(address)
