"""What can go wrong talking to the NHSO Secure SmartCard Agent, one class per remedy."""

from __future__ import annotations


class AgentError(Exception):
    """Base of every agent failure."""


class AgentUnavailable(AgentError):
    """Nothing answers at the agent's address: it is not installed or not running."""


class AgentNoReader(AgentError):
    """The agent sees no card reader (HTTP 418)."""


class AgentNoCard(AgentError):
    """The agent found no card, or must have it re-inserted (HTTP 500)."""


class AgentRejected(AgentError):
    """NHSO (through the agent) refused the request (HTTP 400); `message` is NHSO's."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class AgentTimeout(AgentError):
    """The agent (or NHSO behind it) did not answer in time."""


class AgentBadAnswer(AgentError):
    """The answer was not the JSON we expect (an HTML error page, garbage, a proxy)."""


class StatusError(Exception):
    """Base of the authen-status service's failures (NHSO's cloud, no agent)."""


class TokenRejected(StatusError):
    """401/403: the token is wrong, expired, or issued for another hospital code."""


class StatusUnreachable(StatusError):
    """No connection to NHSO (network, DNS, firewall, timeout)."""


class TlsFailure(StatusError):
    """The server's certificate chain did not verify (a proxy, a wrong clock, a bad CA)."""


class StatusBadAnswer(StatusError):
    """An answer that is not the service's JSON."""
