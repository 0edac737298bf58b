"""Platform differences in the tests, in one place.

Markers (registered in pyproject.toml, applied in tests/conftest.py):
    @pytest.mark.posix_only(reason)    a POSIX mechanism with no Windows counterpart
                                       (umask, pcsc-lite's socket); skipped on Windows
    @pytest.mark.windows_only(reason)  the Windows form of a check; skipped elsewhere
On Linux CI (CI=true) any other skip is a failure (tests/conftest.py).

Helpers with a form for each platform:
    assert_private(path)   POSIX: 0700 folders / 0600 files. Windows: the object's DACL
                           lets no one in but the user (and SYSTEM and Administrators,
                           which can read every file anyway) - read with the Windows API.
    os_user_name()         the account name from the OS, not from USER/USERNAME.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

WINDOWS = sys.platform == "win32"

# SIDs that may appear in a private object's DACL besides the user's own.
SYSTEM_SID = "S-1-5-18"
ADMINISTRATORS_SID = "S-1-5-32-544"
OWNER_RIGHTS_SID = "S-1-3-4"
EVERYONE_SID = "S-1-1-0"
TRUSTED_FOR_PRIVATE = {SYSTEM_SID, ADMINISTRATORS_SID, OWNER_RIGHTS_SID}


def posix_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(path: Path) -> None:
    """The file or folder is the OS user's alone (see the module's doc)."""
    if WINDOWS:
        user = current_user_sid()
        others = {sid for sid, _mask in allowed_aces(path)} - {user} - TRUSTED_FOR_PRIVATE
        assert not others, f"{path}: the ACL also lets in {sorted(others)}"
        return
    want = 0o700 if path.is_dir() else 0o600
    assert posix_mode(path) == want, f"{path}: mode {posix_mode(path):o}, want {want:o}"


def os_user_name() -> str:
    if WINDOWS:
        return windows_account_name()
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


# --- the Windows API (ctypes). Typed so mypy and ruff pass on Linux, where it never runs. ---
SE_FILE_OBJECT = 1
SE_KERNEL_OBJECT = 6
DACL_SECURITY_INFORMATION = 0x4
ACCESS_ALLOWED_ACE_TYPE = 0
INHERIT_ONLY_ACE = 0x08
ACL_SIZE_INFORMATION_CLASS = 2
TOKEN_QUERY = 0x8
TOKEN_USER_CLASS = 1


def _windll(name: str) -> object:
    import ctypes

    loader = getattr(ctypes, "WinDLL")  # noqa: B009 - absent from ctypes on Linux
    return loader(name, use_last_error=True)


def _last_error() -> int:
    import ctypes

    error: int = getattr(ctypes, "get_last_error")()  # noqa: B009 - Windows only
    return error


def _sid_string(advapi32: object, sid: int) -> str:
    import ctypes
    from ctypes import wintypes

    text = wintypes.LPWSTR()
    convert = getattr(advapi32, "ConvertSidToStringSidW")  # noqa: B009
    convert.argtypes = [ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR)]
    convert.restype = wintypes.BOOL
    if not convert(ctypes.c_void_p(sid), ctypes.byref(text)):
        raise OSError(_last_error(), "ConvertSidToStringSidW failed")
    try:
        return str(text.value)
    finally:
        _local_free(ctypes.cast(text, ctypes.c_void_p).value)


def _local_free(pointer: int | None) -> None:
    import ctypes

    free = getattr(_windll("kernel32"), "LocalFree")  # noqa: B009
    free.argtypes = [ctypes.c_void_p]
    free.restype = ctypes.c_void_p
    free(pointer)


def _aces(advapi32: object, dacl: int) -> list[tuple[str, int]]:
    """(SID, access mask) of every access-allowed ACE in a DACL."""
    import ctypes
    from ctypes import wintypes

    class AclSizeInformation(ctypes.Structure):
        _fields_ = [
            ("AceCount", wintypes.DWORD),
            ("AclBytesInUse", wintypes.DWORD),
            ("AclBytesFree", wintypes.DWORD),
        ]

    class AceHeader(ctypes.Structure):
        _fields_ = [("AceType", ctypes.c_ubyte), ("AceFlags", ctypes.c_ubyte),
                    ("AceSize", wintypes.WORD)]  # fmt: skip

    info = AclSizeInformation()
    get_info = getattr(advapi32, "GetAclInformation")  # noqa: B009
    get_info.argtypes = [ctypes.c_void_p, ctypes.c_void_p, wintypes.DWORD, ctypes.c_int]
    get_info.restype = wintypes.BOOL
    if not get_info(dacl, ctypes.byref(info), ctypes.sizeof(info), ACL_SIZE_INFORMATION_CLASS):
        raise OSError(_last_error(), "GetAclInformation failed")
    get_ace = getattr(advapi32, "GetAce")  # noqa: B009
    get_ace.argtypes = [ctypes.c_void_p, wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p)]
    get_ace.restype = wintypes.BOOL
    found = []
    for index in range(info.AceCount):
        ace = ctypes.c_void_p()
        if not get_ace(dacl, index, ctypes.byref(ace)) or ace.value is None:
            raise OSError(_last_error(), "GetAce failed")
        header = ctypes.cast(ace, ctypes.POINTER(AceHeader)).contents
        if header.AceType != ACCESS_ALLOWED_ACE_TYPE:
            continue  # deny ACEs only take access away
        if header.AceFlags & INHERIT_ONLY_ACE:
            continue  # for what is created inside (CREATOR OWNER); no access to this object
        # ACCESS_ALLOWED_ACE: header (4 bytes), Mask (DWORD), then the SID.
        mask = ctypes.cast(ace.value + 4, ctypes.POINTER(wintypes.DWORD)).contents.value
        found.append((_sid_string(advapi32, ace.value + 8), int(mask)))
    return found


def allowed_aces(path: Path) -> list[tuple[str, int]]:
    """The (SID, mask) pairs a file's or folder's DACL allows (GetNamedSecurityInfoW)."""
    return _object_aces(str(path), None)


def handle_aces(handle: int) -> list[tuple[str, int]]:
    """The same for a kernel object we hold a handle to (a mutex), via GetSecurityInfo."""
    return _object_aces(None, handle)


def _object_aces(path: str | None, handle: int | None) -> list[tuple[str, int]]:
    import ctypes
    from ctypes import wintypes

    advapi32 = _windll("advapi32")
    dacl, descriptor = ctypes.c_void_p(), ctypes.c_void_p()
    if path is not None:
        get = getattr(advapi32, "GetNamedSecurityInfoW")  # noqa: B009
        get.argtypes = [wintypes.LPCWSTR, ctypes.c_int, wintypes.DWORD] + [ctypes.c_void_p] * 5
        target: object = path
        kind = SE_FILE_OBJECT
    else:
        get = getattr(advapi32, "GetSecurityInfo")  # noqa: B009
        get.argtypes = [wintypes.HANDLE, ctypes.c_int, wintypes.DWORD] + [ctypes.c_void_p] * 5
        target = handle
        kind = SE_KERNEL_OBJECT
    get.restype = wintypes.DWORD
    error = get(target, kind, DACL_SECURITY_INFORMATION, None, None,
                ctypes.byref(dacl), None, ctypes.byref(descriptor))  # fmt: skip
    if error:
        raise OSError(error, f"reading the security descriptor of {path or handle} failed")
    try:
        if not dacl.value:  # a NULL DACL lets everyone in
            return [(EVERYONE_SID, 0x1F01FF)]
        return _aces(advapi32, dacl.value)
    finally:
        _local_free(descriptor.value)


def current_user_sid() -> str:
    """The SID of the account this process runs as (its token's TokenUser)."""
    import ctypes
    from ctypes import wintypes

    advapi32, kernel32 = _windll("advapi32"), _windll("kernel32")
    current = getattr(kernel32, "GetCurrentProcess")  # noqa: B009
    current.restype = wintypes.HANDLE
    open_token = getattr(advapi32, "OpenProcessToken")  # noqa: B009
    open_token.argtypes = [wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE)]
    open_token.restype = wintypes.BOOL
    token = wintypes.HANDLE()
    if not open_token(current(), TOKEN_QUERY, ctypes.byref(token)):
        raise OSError(_last_error(), "OpenProcessToken failed")
    get = getattr(advapi32, "GetTokenInformation")  # noqa: B009
    get.argtypes = [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD,
                    ctypes.POINTER(wintypes.DWORD)]  # fmt: skip
    get.restype = wintypes.BOOL
    try:
        size = wintypes.DWORD()
        get(token, TOKEN_USER_CLASS, None, 0, ctypes.byref(size))
        buffer = ctypes.create_string_buffer(size.value)
        if not get(token, TOKEN_USER_CLASS, buffer, size, ctypes.byref(size)):
            raise OSError(_last_error(), "GetTokenInformation failed")
        # TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first field is the SID pointer.
        sid = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_void_p)).contents.value
        assert sid is not None
        return _sid_string(advapi32, sid)
    finally:
        close = getattr(kernel32, "CloseHandle")  # noqa: B009
        close.argtypes = [wintypes.HANDLE]
        close(token)


def windows_account_name() -> str:
    """GetUserNameW: the account name from the process's token, not from %USERNAME%."""
    import ctypes
    from ctypes import wintypes

    get = getattr(_windll("advapi32"), "GetUserNameW")  # noqa: B009
    get.argtypes = [wintypes.LPWSTR, ctypes.POINTER(wintypes.DWORD)]
    get.restype = wintypes.BOOL
    size = wintypes.DWORD(257)
    buffer = ctypes.create_unicode_buffer(size.value)
    if not get(buffer, ctypes.byref(size)):
        raise OSError(_last_error(), "GetUserNameW failed")
    return buffer.value
