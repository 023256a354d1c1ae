"""XMP metadata: the document's title, authors and language, and the PDF/UA identifier.

PDF/UA asks for the title in XMP (dc:title) and for `pdfuaid:part` to say the
file claims PDF/UA-1; the rest repeats the document information dictionary, so
the two agree.
"""
from __future__ import annotations

from typing import Iterable

from ..escape import esc


def xmp_packet(lang: str = "en-US", title: str = "", author: str = "", subject: str = "",
               keywords: str = "", creator: str = "deckbuild", date: str = "") -> bytes:
    """The XMP packet (UTF-8) for a PDF with these document properties."""
    authors = [a.strip() for a in author.split(";") if a.strip()]
    dates = (f"<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>"
             f"<xmp:MetadataDate>{date}</xmp:MetadataDate>" if date else "")
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title>{_alt(title)}</dc:title>
{_seq("dc:creator", authors)}
{f"<dc:description>{_alt(subject)}</dc:description>" if subject else ""}
<dc:language><rdf:Bag><rdf:li>{esc(lang)}</rdf:li></rdf:Bag></dc:language>
{f"<pdf:Keywords>{esc(keywords)}</pdf:Keywords>" if keywords else ""}
<pdf:Producer>{esc(creator)}</pdf:Producer>
<xmp:CreatorTool>{esc(creator)}</xmp:CreatorTool>
{dates}
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return "\n".join(line for line in text.split("\n") if line).encode("utf-8")


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{esc(text)}</rdf:li></rdf:Alt>'


def _seq(tag: str, items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return ""
    lis = "".join(f"<rdf:li>{esc(i)}</rdf:li>" for i in items)
    return f"<{tag}><rdf:Seq>{lis}</rdf:Seq></{tag}>"
