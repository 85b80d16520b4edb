"""Database health checks without a round trip while a connection is busy.

``CONN_HEALTH_CHECKS`` makes Django run ``SELECT 1`` before the first query of every
request on a reused connection, so that a connection the server has closed since (a
restart, a failover, ``pg_terminate_backend``, ``idle_session_timeout``) is replaced
instead of failing the request. On the article page that round trip cost more CPU,
ours and PostgreSQL's, than anything but rendering.

A server that closes a connection says so: it sends the termination message and
closes its end, and our socket becomes readable. An idle connection in good health
has nothing to read. So when the connection served a request moments ago and its
socket has nothing to read, ``ConnectionCheckMiddleware`` marks the request's check
done, and one ``poll()`` stands in for the round trip. Django's own check still runs
lazily, as before, when anything is waiting on the socket (even a harmless notice), when
the connection has been idle for ``QUIET_SECONDS`` or more (a firewall or NAT that
silently forgot an idle flow only shows once something is sent) and for connections
this middleware does not know (another vendor, a new connection, Celery tasks).
"""

import math
import select
import time

from django.db import connections

# A connection idle for longer than this gets Django's full check (SELECT 1).
QUIET_SECONDS = 5.0


def socket_quiet(wrapper) -> bool:
    """Whether a PostgreSQL connection is open, idle and has nothing from the server."""
    if wrapper.vendor != "postgresql" or wrapper.connection is None:
        return False
    raw = wrapper.connection
    try:
        if raw.closed or getattr(raw, "broken", False):
            return False
        if raw.info.transaction_status.name != "IDLE":
            return False
        poller = select.poll()
        poller.register(raw.pgconn.socket, select.POLLIN | select.POLLPRI)
        return not poller.poll(0)
    except Exception:  # any doubt: let Django run the full check
        return False


class ConnectionCheckMiddleware:
    """Skip the request's SELECT 1 on a connection that was busy moments ago and that
    the server has not written to since (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.monotonic()
        for wrapper in connections.all(initialized_only=True):
            if (
                wrapper.health_check_enabled
                and not wrapper.health_check_done
                and now - getattr(wrapper, "newsroom_used_at", -math.inf) < QUIET_SECONDS
                and socket_quiet(wrapper)
            ):
                wrapper.health_check_done = True
        try:
            return self.get_response(request)
        finally:
            now = time.monotonic()
            for wrapper in connections.all(initialized_only=True):
                if wrapper.connection is not None:
                    wrapper.newsroom_used_at = now
