"""`authen-desk --self-test`: does this installation have every part the program loads?

Written for the frozen bundle, where a part the build forgot (a native module, a Qt
plugin, a keyring backend, the personas) only shows when the program needs it at the desk.
One line per check, Thai / English; exit 0 only when nothing FAILED. A WARNING is about
this machine (no card reader, PC/SC service stopped), not the installation. Everything the
self-test writes goes to a temporary folder, never to the user's data.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

# A long Thai sentence with no spaces, as Thai is written, cut into its dictionary words:
# a line may only break between two of them. (ประจำ|ตัว: the dictionaries split it too.)
THAI_WORDS = (
    "ผู้ป่วย", "ที่", "มา", "รับ", "บริการ", "ที่", "คลินิก", "ของ", "เรา", "ต้อง", "ยืนยัน",
    "ตัวตน", "ด้วย", "บัตร", "ประจำ", "ตัว", "ประชาชน", "ทุก", "ครั้ง", "ก่อน", "เข้า", "รับ",
    "การ", "รักษา", "พยาบาล",
)  # fmt: skip
# A break engine may join two words (a compound); it must find most boundaries all the same.
THAI_BOUNDARIES_FOUND = 0.8
DEMO_PERSONA = "somchai"
DEMO_MOBILE = "0812345678"


class Status(StrEnum):
    OK = "ok"
    WARNING = "WARNING"
    FAILED = "FAILED"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Outcome:
    name: str  # "ไทย / English"
    status: Status
    detail: str

    def line(self) -> str:
        return f"{self.status.value:<8} {self.name}: {self.detail}"


def frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


# --- checks that need no Qt ------------------------------------------------------------
def check_pcsc() -> Outcome:
    """pyscard's native module, then doctor's own PC/SC probe: a stopped service or no
    reader is a warning (the build is fine, the PC is not ready)."""
    name = "PC/SC (pyscard) / PC/SC (pyscard)"
    try:
        from smartcard.scard import _scard  # noqa: F401 - the native module itself
    except ImportError as exc:
        return Outcome(name, Status.FAILED, f"pyscard native module missing: {exc}")
    from app.doctor.checks import check_pcsc as probe

    checks = probe()
    problems = [c for c in checks if not c.ok]
    shown = problems or checks
    status = Status.WARNING if problems else Status.OK
    return Outcome(name, status, "; ".join(f"{c.name}: {c.detail}" for c in shown))


def check_keyring() -> Outcome:
    """The backend keyring really picked (doctor's check). A frozen build that fell back to
    the fail/null backend lost its backend modules at build time: a failure, whatever the
    machine."""
    name = "ที่เก็บ Token / keyring"
    from app.doctor.checks import check_keyring as probe
    from app.tokens.store import TokenStore

    store = TokenStore()
    found = probe(store)
    if found.ok:  # in words, and the exact backend a build diagnosis needs
        return Outcome(name, Status.OK, f"{found.detail} ({store.backend_name()})")
    if frozen():
        return Outcome(name, Status.FAILED, found.detail)
    return Outcome(name, Status.WARNING, f"{found.detail} (from a checkout: install a keyring)")


def check_sqlite_wal(folder: Path) -> Outcome:
    name = "ฐานข้อมูล SQLite (WAL) / SQLite with WAL"
    path = folder / "wal-check.sqlite"
    try:
        conn = sqlite3.connect(str(path))
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            with conn:
                conn.execute("CREATE TABLE t (x TEXT)")
                conn.execute("INSERT INTO t VALUES ('ก')")
            value = conn.execute("SELECT x FROM t").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Outcome(name, Status.FAILED, str(exc))
    if mode != "wal" or value != "ก":
        return Outcome(name, Status.FAILED, f"journal_mode={mode}, read back {value!r}")
    return Outcome(name, Status.OK, f"SQLite {sqlite3.sqlite_version}, journal_mode=wal")


def check_openpyxl(folder: Path) -> Outcome:
    name = "ไฟล์ Excel (openpyxl) / Excel export (openpyxl)"
    if importlib.util.find_spec("openpyxl") is None:
        return Outcome(name, Status.SKIPPED, "openpyxl not installed in this build")
    try:
        openpyxl: Any = importlib.import_module("openpyxl")  # optional: typed loosely
        book = openpyxl.Workbook()
        book.active.append(["ทดสอบ", 1])
        book.save(folder / "check.xlsx")
    except Exception as exc:
        return Outcome(name, Status.FAILED, f"{type(exc).__name__}: {exc}")
    return Outcome(name, Status.OK, f"openpyxl {openpyxl.__version__}")


def check_machine_dir() -> Outcome:
    """Writes and removes one probe file: the only write outside the temporary folder.
    The folder is the one the PIN counts really use (app.paths.machine_dir)."""
    from app.paths import machine_dir

    name = "โฟลเดอร์กลางของเครื่อง / machine-wide folder"
    folder = machine_dir().path
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".selftest-"):
            pass
    except OSError as exc:
        return Outcome(
            name, Status.FAILED,
            f"{existing} เขียนไม่ได้ / not writable ({type(exc).__name__}); "
            f"Windows: ติดตั้งใหม่ / reinstall (Setup creates it writable by Users)",
        )  # fmt: skip
    if existing != folder:
        return Outcome(name, Status.OK, f"{folder} (created when first needed)")
    return Outcome(name, Status.OK, f"{folder} writable")


# --- checks that need the QApplication -------------------------------------------------
def native_platform() -> str:
    return {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")


def platform_plugin_files(plugin: str) -> list[Path]:
    from PySide6.QtCore import QLibraryInfo

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    folders += [Path(p) for p in QCoreApplication.libraryPaths()]
    names = (f"{plugin}.dll", f"lib{plugin}.so", f"lib{plugin}.dylib")
    return [f / "platforms" / n for f in folders for n in names if (f / "platforms" / n).exists()]


def start_qt() -> tuple[Outcome, bool]:
    """Offscreen (as CI and this check need no display) unless QT_QPA_PLATFORM says
    otherwise; on Windows the native plugin, which needs no display server either."""
    from PySide6.QtWidgets import QApplication

    name = "Qt platform plugin / ปลั๊กอินแสดงผล Qt"
    if sys.platform != "win32":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    wanted = os.environ.get("QT_QPA_PLATFORM", "windows").split(":")[0]
    # A missing platform plugin aborts the process inside Qt: look for the file first.
    for plugin in {f"q{wanted}", native_platform()}:
        if not platform_plugin_files(plugin):
            return Outcome(name, Status.FAILED, f"{plugin} plugin missing"), False
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "authen-desk"])
    platform = QApplication.platformName() if isinstance(app, QApplication) else "?"
    return Outcome(name, Status.OK, f"{platform} loaded, {native_platform()} present"), True


def check_thai_text() -> list[Outcome]:
    from PySide6.QtGui import QFontDatabase, QFontInfo

    from widgets.style import ui_font

    font_name = "แบบอักษรไทย / Thai font"
    thai_families = QFontDatabase.families(QFontDatabase.WritingSystem.Thai)
    font = ui_font()
    used = QFontInfo(font).family()
    if not thai_families:
        return [Outcome(font_name, Status.FAILED, "no font with Thai letters installed")]
    font_line = Outcome(font_name, Status.OK, f"{used} ({len(thai_families)} Thai families)")
    if used not in thai_families:
        font_line = Outcome(
            font_name, Status.WARNING, f"UI font {used} lacks Thai; found {thai_families[:3]}"
        )
    return [font_line, check_thai_breaks(font)]


def thai_word_boundaries() -> tuple[str, set[int]]:
    text, boundaries, at = "".join(THAI_WORDS), set(), 0
    for word in THAI_WORDS:
        at += len(word)
        boundaries.add(at)
    return text, boundaries


def thai_break_opportunities(text: str) -> list[int]:
    """Where Qt may break a line in `text` (QTextBoundaryFinder, as the text layout does)."""
    from PySide6.QtCore import QTextBoundaryFinder

    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    found = []
    while (at := finder.toNextBoundary()) != -1:
        found.append(at)
    return found


def check_thai_breaks(font: Any) -> Outcome:
    """Qt's line breaks in a long Thai sentence against its known word boundaries: none
    inside a word, most boundaries found; then a layout narrower than two words, whose lines
    must each start on a word. On Linux Qt breaks Thai with libthai (loaded at run time), on
    Windows with what its build has: this line is the proof, on every platform."""
    from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption

    name = "การตัดคำภาษาไทย / Thai line breaking"
    text, boundaries = thai_word_boundaries()
    breaks = thai_break_opportunities(text)
    inside = sorted(set(breaks) - boundaries)
    pieces = " | ".join(text[a:b] for a, b in zip([0, *breaks], breaks, strict=False))
    if inside:
        return Outcome(name, Status.FAILED, f"breaks inside words at {inside}: {pieces}")
    share = len(set(breaks) & boundaries) / len(boundaries)
    if share < THAI_BOUNDARIES_FOUND:
        return Outcome(
            name, Status.FAILED,
            f"found {share:.0%} of the word boundaries (Thai is not broken): {pieces}",
        )  # fmt: skip
    metrics = QFontMetricsF(font)
    width = max(metrics.horizontalAdvance(w) for w in THAI_WORDS) * 1.3
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    if len(starts) < 3 or not all(s in boundaries or s == 0 for s in starts):
        return Outcome(name, Status.FAILED, f"lines start inside words: {' | '.join(lines)}")
    return Outcome(
        name, Status.OK,
        f"{len(breaks)} breaks, {share:.0%} of {len(boundaries)} word boundaries, none inside "
        f"a word; {len(lines)} lines: {lines[0]} | {lines[1]} | …",
    )  # fmt: skip


def check_collation() -> Outcome:
    """Thai sorting ignores the leading vowels เ แ โ ใ ไ. On Linux this runs on ICU's data,
    which the bundle ships filtered to Thai and English (scripts/icu_data.py)."""
    import functools

    from PySide6.QtCore import QCollator, QLocale

    name = "การเรียงตามตัวอักษรไทย / Thai sorting (ICU)"
    collator = QCollator(QLocale("th_TH"))
    got = sorted(["ขา", "ไก่", "กา", "เก"], key=functools.cmp_to_key(collator.compare))
    expected = ["กา", "เก", "ไก่", "ขา"]
    if got == expected:
        return Outcome(name, Status.OK, " < ".join(got))
    status = Status.FAILED if sys.platform.startswith("linux") else Status.WARNING
    return Outcome(name, status, f"{' < '.join(got)}; expected {' < '.join(expected)}")


def check_jpeg() -> Outcome:
    from PySide6.QtGui import QImage, QImageReader

    from cardreader.virtual.persona import PERSONA_DIR

    name = "รูปถ่ายบนบัตร (JPEG) / card photo (JPEG)"
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "jpeg" not in formats:
        return Outcome(name, Status.FAILED, "Qt's jpeg image plugin is missing")
    photo = (PERSONA_DIR / f"{DEMO_PERSONA}.jpg").read_bytes()  # where the demo reads it
    image = QImage.fromData(photo)  # the format is sniffed: only the jpeg plugin reads it
    if image.isNull():
        return Outcome(name, Status.FAILED, "a persona photo did not decode")
    return Outcome(name, Status.OK, f"persona photo {image.width()}×{image.height()} decoded")


def check_resources(app: QCoreApplication) -> list[Outcome]:
    from PySide6.QtGui import QImage

    from app.resources import install_translations, resource_path, translation_dirs

    name = "ไอคอนและไฟล์ประกอบ / icons and resources"
    files = [
        resource_path("icons", "authen-desk.svg"),
        resource_path("icons", "authen-desk.ico"),
        resource_path("icons", "png", "authen-desk-256.png"),
    ]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        icons = Outcome(name, Status.FAILED, f"missing: {', '.join(missing)}")
    elif QImage(str(files[2])).isNull():
        icons = Outcome(name, Status.FAILED, f"{files[2]} does not load")
    else:
        icons = Outcome(name, Status.OK, str(resource_path()))
    tr_name = "คำแปลไทยของกล่องโต้ตอบ Qt / Qt dialogs in Thai"
    if install_translations(app):
        return [icons, Outcome(tr_name, Status.OK, "qtbase Thai translation loaded")]
    folders = ", ".join(str(d) for d in translation_dirs())
    return [
        icons,
        Outcome(tr_name, Status.SKIPPED, f"no Thai qtbase translation in {folders}; "
                "PySide6 ships none: Qt's own buttons stay English"),
    ]  # fmt: skip


def check_demo(folder: Path) -> Outcome:
    """Card in, rights, confirm, claim code, PDF slip: the pieces the desk runs on."""
    from app.authen.flow import AuthenFlow
    from app.authen.slip import slip_for
    from app.authen.visit_log import VisitLog
    from app.demo.reader import DEMO_HCODE, DemoReader
    from app.nhso.agent_client import AgentClient
    from widgets.claim_slip import save_pdf

    name = "โหมดสาธิตครบขั้นตอน / demo end to end"
    demo = DemoReader(apdu_delay=0)
    agent = demo.start_agent(DEMO_HCODE)
    client = AgentClient(agent.url)
    log = VisitLog(folder / "demo-authen.sqlite")
    try:
        demo.insert(DEMO_PERSONA)
        flow = AuthenFlow(client, log, DEMO_HCODE)
        rights = flow.check_rights()
        claim_type = rights.preselected or rights.reading.claim_types[0].code
        outcome = flow.confirm(rights.reading, claim_type, DEMO_MOBILE)
        pdf = folder / "slip.pdf"
        save_pdf(str(pdf), slip_for(outcome.record, "Authen Desk self-test"))
        head = pdf.read_bytes()[:5] if pdf.exists() else b""
    finally:
        log.close()
        client.close()
        demo.stop_agent()
    who = f"persona {DEMO_PERSONA}"  # no national ID number in the output, even masked
    if not outcome.claim_code.startswith("PP"):
        return Outcome(name, Status.FAILED, f"{who}: unexpected claim code {outcome.claim_code}")
    if head != b"%PDF-":
        return Outcome(name, Status.FAILED, f"{who}: {outcome.claim_code}, slip is not a PDF")
    return Outcome(name, Status.OK, f"{who}: {outcome.claim_code}, PDF slip written")


def _guarded(name: str, check: Callable[[], Outcome | list[Outcome]]) -> list[Outcome]:
    """A check that raises is a failure of that line, not the end of the self-test."""
    try:
        result = check()
    except Exception as exc:
        return [Outcome(name, Status.FAILED, f"{type(exc).__name__}: {str(exc)[:200]}")]
    return result if isinstance(result, list) else [result]


def run_checks(folder: Path) -> list[Outcome]:
    outcomes = _guarded("PC/SC", check_pcsc)
    outcomes += _guarded("keyring", check_keyring)
    qt, started = start_qt()
    outcomes.append(qt)
    if started:
        app = QCoreApplication.instance()
        assert app is not None
        outcomes += _guarded("Thai text", check_thai_text)
        outcomes += _guarded("collation", check_collation)
        outcomes += _guarded("JPEG", check_jpeg)
        outcomes += _guarded("resources", lambda: check_resources(app))
        outcomes += _guarded("demo", lambda: check_demo(folder))
    outcomes += _guarded("SQLite", lambda: check_sqlite_wal(folder))
    outcomes += _guarded("openpyxl", lambda: check_openpyxl(folder))
    outcomes += _guarded("machine folder", check_machine_dir)
    return outcomes


def run_self_test() -> int:
    """Prints one line per check and a verdict; 0 when nothing failed, 1 otherwise."""
    kind = "frozen bundle" if frozen() else "checkout"
    print(f"Authen Desk self-test ({kind}, Python {sys.version.split()[0]}, {sys.platform})")
    with tempfile.TemporaryDirectory(prefix="authen-desk-selftest-") as tmp:
        outcomes = run_checks(Path(tmp))
    for outcome in outcomes:
        print(outcome.line())
    failed = [o for o in outcomes if o.status is Status.FAILED]
    from app.words import doctor as words

    if failed:
        print(words.checks_failed(len(failed)).one_line())
        return 1
    print(words.ALL_CHECKS_PASSED.one_line())
    return 0
