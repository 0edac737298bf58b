"""The named mutex that tells the Windows installer the program is running.

installer/authen-desk.iss lists the same names as AppMutex, so Setup and the uninstaller
refuse to replace files in use. Nothing else uses the mutex: a second window may still be
started. Call hold_instance_mutex() once, early in the program's start.

Setup runs elevated, often under another administrator's account than the desk user's,
and opens the mutex with SYNCHRONIZE access only. A mutex made with the default security
(the creating user and SYSTEM) cannot be opened by that account: Setup would think the
program is not running and replace its files under it. So the mutexes are made with a
security descriptor (MUTEX_SDDL) that lets everyone SYNCHRONIZE - wait on it, nothing more -
and keeps full access to SYSTEM, Administrators and the owner.
"""

from __future__ import annotations

import sys

MUTEX_NAME = "AuthenDeskRunning"
# The plain name covers the user's own session; Global\ covers other sessions (fast user
# switching, Remote Desktop) and accounts, which Inno Setup checks too.
MUTEX_NAMES = (MUTEX_NAME, "Global\\" + MUTEX_NAME)

SYNCHRONIZE = 0x00100000
# D: the DACL. SY SYSTEM, BA Administrators, OW the owner (the desk user): all access
# (GA); WD Everyone: SYNCHRONIZE only, what Inno Setup's OpenMutex asks for.
MUTEX_SDDL = f"D:(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;OW)(A;;0x{SYNCHRONIZE:08x};;;WD)"
SDDL_REVISION_1 = 1

_held: list[int] = []  # the handles, open until the process ends (Windows closes them)


def hold_instance_mutex() -> bool:
    """Creates the mutexes on Windows; True when at least one is held. False elsewhere."""
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    class SecurityAttributes(ctypes.Structure):
        _fields_ = [
            ("nLength", wintypes.DWORD),
            ("lpSecurityDescriptor", wintypes.LPVOID),
            ("bInheritHandle", wintypes.BOOL),
        ]

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    to_descriptor = advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW
    to_descriptor.argtypes = [
        wintypes.LPCWSTR, wintypes.DWORD, ctypes.POINTER(wintypes.LPVOID), wintypes.LPVOID
    ]  # fmt: skip
    to_descriptor.restype = wintypes.BOOL
    descriptor = wintypes.LPVOID()
    attributes = None
    if to_descriptor(MUTEX_SDDL, SDDL_REVISION_1, ctypes.byref(descriptor), None):
        attributes = SecurityAttributes(ctypes.sizeof(SecurityAttributes), descriptor.value, False)
    # else: the default security; Setup then sees the program of its own account only.
    create_mutex = kernel32.CreateMutexW
    create_mutex.argtypes = [wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR]
    create_mutex.restype = wintypes.HANDLE
    pointer = ctypes.byref(attributes) if attributes is not None else None
    for name in MUTEX_NAMES:
        handle = create_mutex(pointer, False, name)
        if handle:  # an existing mutex opens too: that is fine, we only need to hold it
            _held.append(handle)
    if descriptor.value:
        kernel32.LocalFree(descriptor)
    return bool(_held)


def held_handles() -> list[int]:
    """The handles held (the tests read their security descriptor)."""
    return list(_held)
