"""Every response shape a reader may hand back, on a scripted transport."""

from __future__ import annotations

import pytest

from cardreader.apdu import MOI_AID, Response, get_response_p2, moi_read, select_aid
from cardreader.errors import CardDataInvalid, ReadAborted
from cardreader.transport import CardChannel


class Scripted:
    """Answers from a script and records what was sent."""

    def __init__(self, atr: bytes, answers: list[bytes]) -> None:
        self.atr = atr
        self.answers = list(answers)
        self.sent: list[bytes] = []

    def transmit(self, command: bytes) -> bytes:
        self.sent.append(command)
        return self.answers.pop(0)


ATR_3B68 = bytes.fromhex("3B6800000073C84012009000")
ATR_3B67 = bytes.fromhex("3B6700007320006C689000")


def test_apdu_building() -> None:
    assert select_aid(MOI_AID).hex() == "00a4040008a000000054480001"
    assert moi_read(0x1579, 0xA0).hex() == "80b015790200a0"
    with pytest.raises(ValueError):
        moi_read(0, 256)
    with pytest.raises(ValueError):
        moi_read(0, 0)


def test_get_response_p2_depends_on_atr() -> None:
    assert get_response_p2(ATR_3B67) == 0x01
    assert get_response_p2(ATR_3B68) == 0x00
    assert get_response_p2(bytes.fromhex("3B799600005448204E49442031 31".replace(" ", ""))) == 0


def test_61xx_is_fetched_with_get_response() -> None:
    t = Scripted(ATR_3B68, [b"\x61\x04", b"abcd\x90\x00"])
    response = CardChannel(t).exchange(moi_read(0, 4))
    assert response == Response(b"abcd", 0x9000)
    assert t.sent[1].hex() == "00c0000004"


def test_get_response_uses_p2_01_for_3b67() -> None:
    t = Scripted(ATR_3B67, [b"\x61\x02", b"ok\x90\x00"])
    CardChannel(t).exchange(moi_read(0, 2))
    assert t.sent[1].hex() == "00c0000102"


def test_6cxx_resends_with_the_le_asked_for() -> None:
    t = Scripted(ATR_3B68, [b"\x6c\x03", b"xyz\x90\x00"])
    channel = CardChannel(t)
    assert channel.exchange(moi_read(0, 0x10)).data == b"xyz"
    assert t.sent[1] == moi_read(0, 3)
    assert channel.apdu_count == 2


def test_data_directly_with_9000() -> None:
    t = Scripted(ATR_3B68, [b"direct\x90\x00"])
    channel = CardChannel(t)
    assert channel.exchange(moi_read(0, 6)).data == b"direct"
    assert channel.apdu_count == 1


def test_chained_61_after_get_response_is_concatenated() -> None:
    t = Scripted(ATR_3B68, [b"\x61\x02", b"ab\x61\x02", b"cd\x90\x00"])
    assert CardChannel(t).exchange(moi_read(0, 4)).data == b"abcd"


def test_get_response_answering_6c_is_resent() -> None:
    t = Scripted(ATR_3B68, [b"\x61\x05", b"\x6c\x04", b"abcd\x90\x00"])
    assert CardChannel(t).exchange(moi_read(0, 4)).data == b"abcd"
    assert t.sent[2].hex() == "00c0000004"


def test_select_without_fetch_accepts_610a() -> None:
    t = Scripted(ATR_3B68, [b"\x61\x0a"])
    channel = CardChannel(t)
    assert channel.exchange(select_aid(MOI_AID), fetch=False).sw == 0x610A
    assert channel.apdu_count == 1


def test_a_card_that_chains_forever_is_an_error_not_a_hang() -> None:
    t = Scripted(ATR_3B68, [b"\x61\x01"] + [b"x\x61\x01"] * 40)
    with pytest.raises(CardDataInvalid):
        CardChannel(t).exchange(moi_read(0, 1))


def test_a_one_byte_answer_is_invalid_data() -> None:
    with pytest.raises(CardDataInvalid):
        CardChannel(Scripted(ATR_3B68, [b"\x90"])).exchange(moi_read(0, 1))


def test_abort_stops_before_the_next_apdu() -> None:
    t = Scripted(ATR_3B68, [b"\x90\x00"])
    with pytest.raises(ReadAborted):
        CardChannel(t, should_abort=lambda: True).exchange(moi_read(0, 1))
    assert t.sent == []
