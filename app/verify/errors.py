"""Why verify-day could not run (light: the error registry imports it)."""

from __future__ import annotations

# Shared with authen and reports: one class, one message, one exit code each.
from app.settings.errors import HcodeNotSet as HcodeNotSet
from app.tokens.errors import TokenNotSet as TokenNotSet


class VerifyError(Exception):
    """Base of verify-day's own failures (NHSO's are app.nhso.errors.StatusError)."""
