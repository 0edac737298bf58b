"""Reading the MOI applet in the fewest round trips.

Plan (docs/thai-id-card.md): SELECT; two READs for every text field but the address; one READ
that starts 18 bytes before the address so it also picks up the photo's tail; then, when
the photo is wanted, exactly 20 READs of 255 for the rest of it. On a T=0 card each READ
costs two C-APDUs (READ + GET RESPONSE): 7 for the text, 47 with the photo.
"""

from __future__ import annotations

from collections.abc import Callable

from cardreader import decode, layout
from cardreader.apdu import MOI_AID, moi_read, select_aid
from cardreader.cid import is_valid_cid
from cardreader.errors import CardDataInvalid, NotThaiIdCard
from cardreader.layout import Field
from cardreader.model import IdCard
from cardreader.transport import CardChannel, Transport

_TAIL_READ = Field(
    layout.ADDRESS.offset - layout.PHOTO_TAIL, layout.TAIL_BLOCK.length + layout.PHOTO_TAIL
)


class ThaiIdReader:
    """One read of one inserted card: text first (fast), photo on request."""

    def __init__(
        self, transport: Transport, should_abort: Callable[[], bool] | None = None
    ) -> None:
        self.channel = CardChannel(transport, should_abort)
        self._photo_tail = b""

    def _read(self, span: Field) -> bytes:
        out = bytearray()
        for part in layout.chunks(span):
            response = self.channel.exchange(moi_read(part.offset, part.length))
            if not response.ok:
                raise CardDataInvalid(f"READ at {part.offset:#06x} answered SW {response.sw:04X}")
            if len(response.data) != part.length:
                raise CardDataInvalid(
                    f"READ at {part.offset:#06x} gave {len(response.data)} of {part.length} bytes"
                )
            out += response.data
        return bytes(out)

    def select(self) -> None:
        response = self.channel.exchange(select_aid(MOI_AID), fetch=False)
        if not (response.ok or response.sw1 == 0x61):
            raise NotThaiIdCard(f"SELECT MOI applet answered SW {response.sw:04X}")

    def read_cid(self) -> str:
        """Only the CID (SELECT + one READ): enough to know whose card this is."""
        self.select()
        cid = decode.ascii_field(self._read(layout.CID))
        if not is_valid_cid(cid):
            raise CardDataInvalid("CID on the card fails its check digit")
        return cid

    def read_text(self) -> IdCard:
        self.select()
        text = self._read(layout.TEXT_BLOCK)
        tail = self._read(_TAIL_READ)
        self._photo_tail = tail[: layout.PHOTO_TAIL]
        block = tail[layout.PHOTO_TAIL :]

        def take(field: Field) -> bytes:
            return layout.slice_of(text, layout.TEXT_BLOCK, field)

        cid = decode.ascii_field(take(layout.CID))
        if not is_valid_cid(cid):
            raise CardDataInvalid("CID on the card fails its check digit")
        return IdCard(
            cid=cid,
            name_th=decode.person_name(take(layout.NAME_TH)),
            name_en=decode.person_name(take(layout.NAME_EN)),
            birth_date=decode.be_date(take(layout.BIRTH_DATE)),
            sex=decode.sex(take(layout.SEX)),
            issuer=decode.thai_text(take(layout.ISSUER)),
            issue_date=decode.be_date(take(layout.ISSUE_DATE)),
            expiry_date=decode.be_date(take(layout.EXPIRY_DATE), allow_lifelong=True),
            address=decode.address(layout.slice_of(block, layout.TAIL_BLOCK, layout.ADDRESS)),
            atr=self.channel.atr,
            applet_version=decode.ascii_field(take(layout.APPLET_VERSION)),
            request_no=decode.ascii_field(take(layout.REQUEST_NO)),
        )

    def read_photo(self) -> bytes | None:
        """The whole 5118-byte photo field (after read_text), as a JPEG or None if blank."""
        head = self._read(layout.PHOTO_HEAD)
        return decode.jpeg(head + self._photo_tail)


def read_id_card(
    transport: Transport,
    with_photo: bool = True,
    should_abort: Callable[[], bool] | None = None,
) -> IdCard:
    reader = ThaiIdReader(transport, should_abort)
    card = reader.read_text()
    return card.with_photo(reader.read_photo()) if with_photo else card
