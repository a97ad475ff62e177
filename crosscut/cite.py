"""Citations of essays and pages: the short forms pages show, Chicago, APA, MLA, BibTeX, and the meta tags reference managers read.

Only what is known goes in: an unknown author, date or outlet is left out (or "n.d."), never guessed.
"""

from __future__ import annotations

import json
import re

from slugify import slugify

from .model import MONTH_NAMES, Author, Essay, PartialDate



def pilcrow(first: int, last: int | None = None) -> str:
    """A paragraph or a range as a citation names it: "¶ 7", "¶¶ 13–15"."""
    return locator(first, last)


def citation(essay: Essay, first: int | None = None, last: int | None = None, anchor: str = "") -> str:
    """Short citation: author's family name, short title, ¶ n (the title alone when no author is known)."""
    names = " and ".join(a.family for a in essay.authors)
    parts = [names] if names else []
    parts.append(f"“{essay.short_title}”")
    if first is not None:
        parts.append(pilcrow(first, last))
    elif anchor:
        parts.append("section “" + next(h.text for h in essay.headings if h.anchor == anchor) + "”")
    return ", ".join(parts)


def cited_by(essay: Essay) -> str:
    """Who a compact citation names: the family names, or the short title when no author is known."""
    return " and ".join(a.family for a in essay.authors) or f"“{essay.short_title}”"


def short_citation(essay: Essay, first: int | None = None, last: int | None = None) -> str:
    """Compact form for tables: family name (or short title) and ¶ n."""
    return cited_by(essay) if first is None else f"{cited_by(essay)} {pilcrow(first, last)}"


def mla_month(month: int) -> str:
    """MLA abbreviates months of more than four letters: "Jan.", "Sept.", but "May", "June", "July"."""
    name = MONTH_NAMES[month - 1]
    return name if len(name) <= 4 else ("Sept." if name == "September" else name[:3] + ".")


def bibtex_month(month: int) -> str:
    """BibTeX's predefined month macro: jan … dec."""
    return MONTH_NAMES[month - 1][:3].lower()


# characters that mean something to BibTeX or LaTeX inside a braced field value
BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bibtex_text(text: str) -> str:
    """A field value as BibTeX text: special characters escaped, so the entry parses and typesets."""
    return "".join(BIBTEX_SPECIAL.get(c, c) for c in text)


def bibtex_url(url: str) -> str:
    """A URL for BibTeX's url field, which is read verbatim: only braces (which would end it) are encoded."""
    return url.replace("{", "%7B").replace("}", "%7D")


def given_name(author: Author) -> str:
    """The name without the family name ("Celeste A." of "Celeste A. Wallander")."""
    return " ".join(author.name.replace(author.family, "", 1).split())


def inverted(author: Author) -> str:
    """"Family, Given" (or the name alone when there is no given name)."""
    given = given_name(author)
    return f"{author.family}, {given}" if given else author.family


def initials(author: Author) -> str:
    """APA form: "Wallander, C. A."."""
    given = " ".join(f"{part[0]}." for part in re.split(r"[\s.]+", given_name(author)) if part)
    return f"{author.family}, {given}" if given else author.family


def join_names(names: list[str], last: str = ", and ") -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}{last}{names[1]}"
    return ", ".join(names[:-1]) + last + names[-1]


def chicago_date(date: PartialDate) -> str:
    if date.year is None:
        return "n.d."
    if date.day:
        return f"{MONTH_NAMES[date.month - 1]} {date.day}, {date.year}"
    return f"{MONTH_NAMES[date.month - 1]} {date.year}" if date.month else str(date.year)


def mla_date(date: PartialDate) -> str:
    if date.year is None:
        return ""
    month = mla_month(date.month) if date.month else ""
    return " ".join(str(x) for x in (date.day, month, date.year) if x)


def apa_date(date: PartialDate) -> str:
    if date.year is None:
        return "n.d."
    if date.day:
        return f"{date.year}, {MONTH_NAMES[date.month - 1]} {date.day}"
    return f"{date.year}, {MONTH_NAMES[date.month - 1]}" if date.month else str(date.year)


def end(text: str, mark: str = ".") -> str:
    """Close a citation element with a full stop unless it already ends in punctuation."""
    return text if text.endswith((".", "?", "!")) else text + mark


def chicago(essay: Essay, url: str) -> str:
    """Chicago bibliography entry (17th ed.); the italics of the outlet are marked with *…*."""
    parts = []
    if essay.authors:
        names = [inverted(essay.authors[0])] + [a.name for a in essay.authors[1:]]
        parts.append(end(join_names(names)))
    title = f"“{end(essay.title)}”"
    where = ", ".join(x for x in (f"*{essay.outlet}*" if essay.outlet else "", chicago_date(essay.date)) if x)
    parts += [title, end(where), url]
    return " ".join(p for p in parts if p)


def apa(essay: Essay, url: str) -> str:
    """APA (7th ed.) reference; without an author the title moves to the front."""
    title = end(essay.title)
    date = f"({apa_date(essay.date)})."
    if essay.authors:
        head = [end(join_names([initials(a) for a in essay.authors], ", & ")), date, title]
    else:
        head = [title, date]
    outlet = [end(f"*{essay.outlet}*")] if essay.outlet else []
    return " ".join(p for p in head + outlet + [url] if p)


def mla(essay: Essay, url: str) -> str:
    """MLA (9th ed.) works-cited entry."""
    parts = []
    if essay.authors:
        names = [inverted(essay.authors[0])] + [a.name for a in essay.authors[1:]]
        parts.append(end(join_names(names, ", and ") if len(names) < 3 else f"{names[0]}, et al"))
    parts.append(f"“{end(essay.title)}”")
    tail = ", ".join(x for x in (f"*{essay.outlet}*" if essay.outlet else "", mla_date(essay.date), url.removeprefix("https://").removeprefix("http://")) if x)
    return " ".join(parts + [end(tail)])


def bibtex_key(essay: Essay) -> str:
    who = slugify(essay.authors[0].family, separator="") if essay.authors else "anon"
    word = next((w for w in slugify(essay.short_title).split("-") if len(w) > 3), "essay")
    return f"{who}{essay.date.year or 'nd'}{word}"


def bibtex(essay: Essay, url: str, first: int | None = None, last: int | None = None) -> str:
    """A BibTeX entry: @article when the outlet is known, @misc otherwise; unknown fields left out.
    For a passage (`first`, `last`), the entry has its own key and names the paragraphs in its note."""
    where = "" if first is None else f"Paragraph {first}" if last in (None, first) else f"Paragraphs {first}--{last}"
    note = ". ".join(n for n in (f"Series: {bibtex_text(essay.series)}" if essay.series else "", where) if n)
    fields = [("author", " and ".join(bibtex_text(inverted(a)) for a in essay.authors)),
              ("title", f"{{{bibtex_text(essay.title)}}}"),
              ("journal" if essay.outlet else "", bibtex_text(essay.outlet)), ("year", str(essay.date.year or "")),
              ("month", bibtex_month(essay.date.month) if essay.date.month else ""),
              ("day", str(essay.date.day or "")), ("note", note), ("url", bibtex_url(url))]
    body = ",\n".join(f"  {k} = {v if k == 'month' else '{' + v + '}'}" for k, v in fields if k and v)
    key = bibtex_key(essay) + ("" if first is None else f"-p{first}")
    return f"@{'article' if essay.outlet else 'misc'}{{{key},\n{body}\n}}"


def citation_meta(essay: Essay, page_url: str) -> list[tuple[str, str]]:
    """Highwire Press tags (Zotero, Google Scholar): only the fields the source gives."""
    tags = [("citation_title", essay.title)]
    tags += [("citation_author", inverted(a)) for a in essay.authors]
    if essay.date.year:
        tags.append(("citation_publication_date", essay.date.iso.replace("-", "/")))
    if essay.outlet:
        tags.append(("citation_journal_title", essay.outlet))
    if page_url:
        tags.append(("citation_public_url", page_url))
    return tags


def json_ld(essay: Essay, page_url: str) -> str:
    """schema.org Article for the essay; unknown properties are left out."""
    data: dict = {"@context": "https://schema.org", "@type": "Article", "headline": essay.title}
    if page_url:
        data["url"] = page_url
    if essay.authors:
        data["author"] = [{"@type": "Person", "name": a.name,
                           **({"affiliation": {"@type": "Organization", "name": a.affiliation}} if a.affiliation else {})}
                          for a in essay.authors]
    if essay.date.year:
        data["datePublished"] = essay.date.iso
    if essay.outlet:
        data["publisher"] = {"@type": "Organization", "name": essay.outlet}
    if essay.url:
        data["isBasedOn"] = essay.url
    if essay.series:
        data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": essay.series}
    # inside <script> only "<" can end the element (or open a comment that hides its end); "&" and ">"
    # go too, so the block means the same to an HTML parser and to a JSON one
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_citation(title: str, site_name: str, url: str) -> str:
    """Chicago-style citation of one of our own curated pages (no date: the site is revised in place; no address when it has none)."""
    return f"{site_name} editors. “{end(title)}” *{site_name}*." + (f" {url}" if url else "")


# ---------------------------------------------------------------- one paragraph
# A passage is cited the way each style cites a place in an unpaginated work: by paragraph
# number, as "¶ 12" (Chicago), "para. 12" (APA) or "par. 12" (MLA), at the paragraph's own
# address on this site (none when the site has no public address).


def locator(first: int, last: int | None = None, mark: str = "¶") -> str:
    """"¶ 12", "¶¶ 12–14"; with mark "para." or "par.", "para. 12", "paras. 12–14"."""
    many = last not in (None, first)
    word = (mark * 2 if mark == "¶" else mark.replace(".", "s.")) if many else mark
    return f"{word} {first}–{last}" if many else f"{word} {first}"


def chicago_note(essay: Essay, url: str, first: int, last: int | None = None) -> str:
    """Chicago note (17th ed.) for a passage: Celeste A. Wallander, “Title,” *Outlet*, 2003, ¶ 12, URL."""
    title = essay.title if essay.title.endswith(("?", "!")) else essay.title + ","
    # a note names the authors as they write their names ("Yu Sui": the family name first); four or more: the first, et al.
    names = [a.name for a in essay.authors]
    who = f"{names[0]} et al." if len(names) > 3 else join_names(names, " and " if len(names) == 2 else ", and ")
    parts = [f"{who}," if names else "", f"“{title}”", f"*{essay.outlet}*," if essay.outlet else "", f"{chicago_date(essay.date)},"]
    parts += [f"{locator(first, last)},", end(url)] if url else [end(locator(first, last))]
    return " ".join(p for p in parts if p)


def in_text_author(essay: Essay, joiner: str) -> str:
    """Who a parenthetical citation names, followed by its comma: "Wallander,", "A & B,", "A et al.,";
    without an author the short title in quotation marks, the comma inside (“Title,”) unless it ends in ? or !."""
    names = [a.family for a in essay.authors]
    if names:
        return (f"{names[0]} et al." if len(names) > 2 else joiner.join(names)) + ","
    title = essay.short_title
    return f"“{title}”" if title.endswith(("?", "!")) else f"“{title},”"


def apa_in_text(essay: Essay, first: int, last: int | None = None) -> str:
    """APA (7th ed.) parenthetical citation of a passage: (Wallander, 2003, para. 12)."""
    year = str(essay.date.year) if essay.date.year else "n.d."
    return f"({in_text_author(essay, ' & ')} {year}, {locator(first, last, 'para.')})"


def mla_in_text(essay: Essay, first: int, last: int | None = None) -> str:
    """MLA (9th ed.) parenthetical citation of a passage: (Wallander, par. 12)."""
    return f"({in_text_author(essay, ' and ')} {locator(first, last, 'par.')})"


def passage_citations(essay: Essay, url: str, first: int, last: int | None = None) -> list[tuple[str, str, str]]:
    """A passage in every style, as (style, key, text with *italics*). `url` is the paragraph's own
    address on this site, since the ¶ numbers are this site's ("" when the site has no public address)."""
    return [("Chicago (note)", "chicago", chicago_note(essay, url, first, last)),
            ("APA, in the text", "apa-text", apa_in_text(essay, first, last)),
            ("APA, reference", "apa", apa(essay, url)),
            ("MLA, in the text", "mla-text", mla_in_text(essay, first, last)),
            ("MLA, works cited", "mla", mla(essay, url)),
            ("BibTeX", "bibtex", bibtex(essay, url, first, last))]
