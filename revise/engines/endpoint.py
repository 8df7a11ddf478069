"""Model endpoints as the user sees them: host names for notices, loopback checks, and secrets kept out of
text.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

OPENAI_BASE_URL = "https://api.openai.com/v1"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
"""Cheap, fast and good at following a JSON schema; used when the endpoint is OpenAI and no model is given."""


def endpoint_host(base_url: str | None) -> str:
    """``host[:port]`` of an endpoint, without credentials (``api.openai.com`` when no base URL is set)."""
    parts = urlsplit(base_url or OPENAI_BASE_URL)
    host = parts.hostname or "?"
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


def describe_endpoint(base_url: str | None) -> str:
    """A credential-free identity of the endpoint (scheme, host, port, path), for cache keys."""
    parts = urlsplit(base_url or OPENAI_BASE_URL)
    return f"{parts.scheme}://{endpoint_host(base_url)}{parts.path.rstrip('/')}"


def is_openai(base_url: str | None) -> bool:
    """Whether the endpoint is OpenAI's own API."""
    return endpoint_host(base_url) == "api.openai.com"


def is_loopback(base_url: str | None) -> bool:
    """Whether requests stay on this machine (localhost, 127.0.0.0/8, ::1)."""
    host = urlsplit(base_url or OPENAI_BASE_URL).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every secret (an API key) replaced by ``***``."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
