"""C-APDU count and wall time of our card reads against a naive field-by-field read.

    uv run python benchmarks/card_read.py            # in-process virtual card
    uv run python benchmarks/card_read.py --pcscd    # through a running pcscd + vpcd

Targets (issue 2): text fields in at most 8 C-APDUs, a full read with photo in at most 48.
The naive read is what most public readers do: SELECT, one READ + GET RESPONSE per field,
the address cut at 100 bytes, the photo as 20 chunks of 255 (losing its last 18 bytes).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cardreader import layout
from cardreader.apdu import MOI_AID, moi_read, select_aid
from cardreader.thai_id import ThaiIdReader
from cardreader.transport import CardChannel, Transport
from cardreader.virtual.card import VirtualThaiIdCard, VirtualTransport
from cardreader.virtual.persona import shipped_persona

TEXT_TARGET, FULL_TARGET = 8, 48
NAIVE_TEXT_FIELDS = [
    layout.CID, layout.NAME_TH, layout.NAME_EN, layout.BIRTH_DATE, layout.SEX,
    layout.ISSUER, layout.ISSUE_DATE, layout.EXPIRY_DATE, layout.Field(layout.ADDRESS.offset, 100),
]  # fmt: skip


def naive_read(transport: Transport, with_photo: bool) -> int:
    channel = CardChannel(transport)
    channel.exchange(select_aid(MOI_AID), fetch=False)
    for field in NAIVE_TEXT_FIELDS:
        channel.exchange(moi_read(field.offset, field.length))
    if with_photo:
        for n in range(20):
            channel.exchange(moi_read(layout.PHOTO.offset + n * 0xFF, 0xFF))
    return channel.apdu_count


def our_read(transport: Transport, with_photo: bool) -> int:
    reader = ThaiIdReader(transport)
    reader.read_text()
    if with_photo:
        reader.read_photo()
    return reader.channel.apdu_count


Connect = Callable[[], AbstractContextManager[Transport]]


def measure(
    connect: Connect, read: Callable[[Transport, bool], int], photo: bool, runs: int
) -> tuple[int, float]:
    times: list[float] = []
    count = 0
    for _ in range(runs):
        with connect() as transport:
            started = time.perf_counter()
            count = read(transport, photo)
            times.append(time.perf_counter() - started)
    return count, statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pcscd", action="store_true", help="go through a running pcscd + vpcd")
    parser.add_argument("--persona", default="somchai")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    card = VirtualThaiIdCard(shipped_persona(args.persona))
    if args.pcscd:
        from cardreader.pcsc import PcscBackend
        from cardreader.virtual.vpcd import VpcdCard

        backend = PcscBackend()
        backend.open()
        vpcd = VpcdCard(card)
        vpcd.insert()
        reader = "Virtual PCD 00 00"
        while backend.poll(0.2).get(reader) is None:
            pass
        connect: Connect = lambda: backend.connect(reader)  # noqa: E731
        where = "real pcscd + vpcd"
    else:
        from contextlib import nullcontext

        connect = lambda: nullcontext(VirtualTransport(card))  # noqa: E731
        where = "in-process virtual card"
    print(
        f"Thai ID card read, persona {args.persona} ({card.persona.reader_style}), {where}, "
        f"median of {args.runs} runs"
    )
    print(f"{'read':<28}{'C-APDUs':>9}{'time ms':>10}")
    results = {}
    for label, read, photo in [
        ("naive, text fields", naive_read, False),
        ("ours,  text fields", our_read, False),
        ("naive, with photo", naive_read, True),
        ("ours,  with photo", our_read, True),
    ]:
        count, ms = measure(connect, read, photo, args.runs)
        results[label] = count
        print(f"{label:<28}{count:>9}{ms:>10.2f}")
    ok = (
        results["ours,  text fields"] <= TEXT_TARGET and results["ours,  with photo"] <= FULL_TARGET
    )
    print(
        f"targets: text <= {TEXT_TARGET}, full <= {FULL_TARGET} C-APDUs: "
        f"{'met' if ok else 'MISSED'}  (naive also loses 60 address bytes and 18 photo bytes)"
    )
    if args.pcscd:
        vpcd.remove()
        backend.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
