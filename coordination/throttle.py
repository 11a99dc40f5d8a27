"""Counting requests per key in fixed windows, in the shared cache.

``CACHE_URL`` points every web process at the same cache in production (Redis,
docker-compose.yml), so a limit holds across gunicorn workers; the development
default is the process's own memory.
"""

import hashlib
import logging
import time

from django.core.cache import cache

log = logging.getLogger(__name__)


def throttle_allow(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one request for ``key`` in ``scope``; False once more than ``limit``
    were counted in the current window of ``window_seconds``.

    The key is hashed: an email address is not stored in the cache. When the
    cache does not answer the request is allowed (and logged): a throttle must
    not take a page down with it.
    """
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    window = int(time.time() // window_seconds)
    cache_key = f"throttle:{scope}:{digest}:{window}"
    try:
        cache.add(cache_key, 0, timeout=window_seconds)
        count = cache.incr(cache_key)
    except Exception:
        log.warning("throttle %s: the cache did not answer; request allowed", scope, exc_info=True)
        return True
    return count <= limit
