"""MBP /v2 API client: standard library only (Python 3.11). See sdk/README.md."""

from ._catalogue import *  # noqa: F401,F403  (one error class per catalogued code)
from ._catalogue import CATALOGUE
from .client import Client, Response, error_from
from .errors import (
    ApiError, AuthenticationError, ConflictError, InvalidRequestError, MbpError, MisdirectedError,
    PermissionDeniedError, RateLimitError, ResourceNotFoundError, ServerError, ServiceUnavailableError,
    TransportError, UnprocessableError, WebhookSignatureError,
)
from .retry import RetryPolicy
from . import signing, webhooks

__all__ = ["Client", "Response", "RetryPolicy", "CATALOGUE", "error_from", "signing", "webhooks",
           "ApiError", "AuthenticationError", "ConflictError", "InvalidRequestError", "MbpError", "MisdirectedError",
           "PermissionDeniedError", "RateLimitError", "ResourceNotFoundError", "ServerError",
           "ServiceUnavailableError", "TransportError", "UnprocessableError", "WebhookSignatureError"]
