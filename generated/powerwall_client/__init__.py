"""A client library for accessing Tesla Powerwall 2 local gateway API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
