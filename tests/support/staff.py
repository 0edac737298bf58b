"""Staff members the tests sign in or serve with."""

from __future__ import annotations

from app.staff.session import StaffMember

SUDA = StaffMember("1709900011220", "นางสาวสุดา ใจงาม")
