"""Facts about an incoming request that depend on how the site is deployed, read cheaply enough for
every cache hit: the visitor's address behind our proxies, the scheme, the path."""

import contextlib
import functools
import ipaddress
import socket

from django.conf import settings
from django.core.handlers.wsgi import get_path_info
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

    Parsed once, and split into single addresses (a set of their text, as `address_text` writes
    it: most proxies are one address) and wider networks: page views counted on cache hits walk
    them on every hit. Again when a test changes the setting."""
    addresses, networks = set(), []
    for entry in settings.TRUSTED_PROXIES:
        with contextlib.suppress(ValueError):
            network = parse_network(entry)
            if network.num_addresses == 1:
                addresses.add(str(network.network_address))
            else:
                networks.append(network)
    return frozenset(addresses), tuple(networks)


def is_trusted_proxy(text):
    """Whether the address written `text` (an `address_text`) is one of TRUSTED_PROXIES."""
    addresses, networks = trusted_proxies()
    if text in addresses:
        return True
    return bool(networks) and any(parse_address(text) in network for network in networks)


def forget_trusted_proxies(*, setting, **kwargs):
    if setting == "TRUSTED_PROXIES":
        trusted_proxies.cache_clear()
    elif setting == "SECURE_PROXY_SSL_HEADER":
        proxy_scheme_header.cache_clear()


@functools.cache
def proxy_scheme_header():
    """The WSGI environ key of the header our proxy names the scheme in (SECURE_PROXY_SSL_HEADER,
    X-Forwarded-Proto in production), or None where no proxy is expected."""
    header = settings.SECURE_PROXY_SSL_HEADER
    return header[0] if header else None


class TrustedSchemeApplication:
    """A WSGI layer in front of the page cache and Django: the proxy's scheme header is believed
    only from a TRUSTED_PROXIES address, and removed from anyone else's request before either
    reads it. Django's SECURE_PROXY_SSL_HEADER believes whoever sends it, so a client reaching the
    app directly could otherwise say it came over HTTPS and skip the redirect to it."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        header = proxy_scheme_header()
        if header in environ:
            address = address_text(environ.get("REMOTE_ADDR", ""))
            if address is None or not is_trusted_proxy(address):
                del environ[header]
        return self.application(environ, start_response)


setting_changed.connect(forget_trusted_proxies, dispatch_uid="trusted-proxies")


@functools.lru_cache(maxsize=1024)  # our proxies' addresses, and visitors' who come back
def parse_address(value):
    """An IP address, or None for anything else (a port, a name, "unknown", garbage)."""
    value = value.strip()
    try:  # the C parser first: IPv4 is most addresses
        return ipaddress.IPv4Address(socket.inet_pton(socket.AF_INET, value))
    except OSError:
        pass
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket shows up as ::ffff:a.b.c.d: the same visitor.
    return address.ipv4_mapped or address if address.version == 6 else address


def address_text(value):
    """An IP address written as `str(parse_address(value))` writes it, or None for anything else.

    Page counting reads the visitor's address on every hit, most often a new IPv4 one: the C
    parser accepts exactly the dotted quads ipaddress writes (no leading zeros, four parts), so
    such a value is its own text and no address object is made; the rest goes through
    `parse_address`."""
    value = value.strip()
    try:
        socket.inet_pton(socket.AF_INET, value)
    except OSError:
        address = parse_address(value)
        return None if address is None else str(address)
    return value


def client_ip(request):
    """The visitor's IP address (`client_text`); REMOTE_ADDR itself when it is none."""
    return client_text(request.META) or request.META.get("REMOTE_ADDR", "")


def client_text(meta):
    """The visitor's IP address from a WSGI environ (request.META, or the environ of a hit the page
    cache answers before Django), believing X-Forwarded-For only as far as our proxies wrote it,
    written as `address_text` writes it; None when REMOTE_ADDR is no address.

    The header is read only when the connection comes from a TRUSTED_PROXIES address. Each proxy
    appends the address it saw, so walking from the right past our own proxies, the first other
    address is the visitor's; anything further left was sent by the client and could be forged.
    An entry that is not an address stops the walk at the last proxy that vouched for it.
    """
    address = address_text(meta.get("REMOTE_ADDR", ""))
    forwarded = meta.get("HTTP_X_FORWARDED_FOR")
    if address is None or not forwarded:
        return address
    for entry in reversed(forwarded.split(",")):
        if not is_trusted_proxy(address):
            break
        forwarded_address = address_text(entry)
        if forwarded_address is None:
            break
        address = forwarded_address
    return address


def client_network(request):
    """What stands for one visitor when counting requests or linking abuse: the IPv4 address, or
    the /64 network of an IPv6 one."""
    visitor = visitor_key(request.META)
    return "" if visitor is None else str(visitor)


def visitor_of(address):
    """The IPv4 address itself, or the /64 network of an IPv6 one (None for None)."""
    if address is None or address.version == 4:
        return address
    return ipaddress.ip_network(f"{address}/{IPV6_VISITOR_PREFIX}", strict=False)


def visitor_key(meta):
    """`visitor_of` the visitor's address (`client_text`) as a value to compare, for the page count's
    flood limit on every hit: an IPv4 address's text as it is, with no address object made."""
    text = client_text(meta)
    if text is None or ":" not in text:
        return text
    return visitor_of(parse_address(text))


def path_info(environ):
    """The request's path as Django reads it (`django.core.handlers.wsgi.get_path_info`): an ASCII
    PATH_INFO, nearly every one, is already that; the rest is decoded as Django decodes it."""
    path = environ.get("PATH_INFO", "/")
    return path if path.isascii() else get_path_info(environ)
