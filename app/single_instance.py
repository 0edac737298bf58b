"""The named mutex that tells the Windows installer the program is running.

installer/authen-desk.iss lists the same names as AppMutex, so Setup and the uninstaller
refuse to replace files in use. Nothing else uses the mutex: a second window may still be
started. Call hold_instance_mutex() once, early in the program's start.
"""

from __future__ import annotations

import sys

MUTEX_NAME = "AuthenDeskRunning"
# The plain name covers the user's own session; Global\ covers other sessions (fast user
# switching, Remote Desktop), which Inno Setup checks too.
MUTEX_NAMES = (MUTEX_NAME, "Global\\" + MUTEX_NAME)

_held: list[int] = []  # the handles, open until the process ends (Windows closes them)


def hold_instance_mutex() -> bool:
    """Creates the mutexes on Windows; True when at least one is held. False elsewhere."""
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    create_mutex = kernel32.CreateMutexW
    create_mutex.argtypes = [wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR]
    create_mutex.restype = wintypes.HANDLE
    for name in MUTEX_NAMES:
        handle = create_mutex(None, False, name)
        if handle:  # an existing mutex opens too: that is fine, we only need to hold it
            _held.append(handle)
    return bool(_held)
