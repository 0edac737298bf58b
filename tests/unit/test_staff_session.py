from __future__ import annotations

from app.staff.session import StaffSession
from tests.support.staff import SUDA


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_idle_lock_after_the_configured_time() -> None:
    clock = Clock()
    session = StaffSession(idle_seconds=600, clock=clock)
    session.sign_in(SUDA)
    clock.now = 599
    assert not session.lock_if_idle()
    session.touch()
    clock.now = 1198
    assert not session.lock_if_idle()
    clock.now = 1199
    assert session.lock_if_idle() and session.locked and not session.active
    assert not session.lock_if_idle()  # already locked: reported once


def test_unlock_only_by_the_same_member() -> None:
    session = StaffSession(idle_seconds=1, clock=Clock())
    session.sign_in(SUDA)
    session.locked = True
    assert not session.unlock("1101700123456")
    assert session.unlock(SUDA.cid) and session.active


def test_nothing_to_lock_when_signed_out() -> None:
    clock = Clock()
    session = StaffSession(idle_seconds=1, clock=clock)
    clock.now = 100
    assert not session.lock_if_idle()
    session.sign_in(SUDA)
    session.sign_out()
    assert session.member is None and not session.active
