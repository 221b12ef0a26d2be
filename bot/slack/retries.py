"""How every call to Slack is retried: rate limits (honouring Retry-After), 5xx answers, lost connections.

slack_sdk's own retry handlers do the work; this module only keeps one policy for the Web API client
and for response_url replies alike.
"""

from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

MAX_RETRIES = 2


def retry_handlers() -> list[RetryHandler]:
    return [
        RateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES),
        ServerErrorRetryHandler(max_retry_count=MAX_RETRIES),
        ConnectionErrorRetryHandler(max_retry_count=MAX_RETRIES),
    ]
