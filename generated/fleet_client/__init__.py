"""A client library for accessing Tesla Fleet API, energy sites (the subset pwkit uses)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
