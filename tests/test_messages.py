"""Every message the engine gives, in one table: the edit that provokes it, and exactly what it prints.

Each row starts from BASE, a small project that checks clean (no error, no warning), makes one
edit, runs every stage with nothing written (pipeline.check) and compares the whole list of
problems with the row's, as the terminal shows them. The table must reach every place in
crosscut/ that reports a problem: a new message without a row fails the test.
"""

from __future__ import annotations

import ast
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import crosscut.render
from crosscut.load import load
from crosscut.passages import write_lock
from crosscut.pipeline import Options, check
from crosscut.problems import Problems

ENGINE = Path(crosscut.render.__file__).resolve().parent

# The project every row starts from (line numbers in the rows below count in these texts).
BASE = {
    "seeds/alpha.txt": """\
Quiet Channels

By Anna Petrova

12 March 2019

When the hotline between Moscow and Washington was installed in 1963, neither side expected it to carry much traffic. It was meant for the rare hour when a misunderstanding could turn into a war.

The two governments still use such channels. The treaty requires both sides to exchange data twice a year.

## What the channels do

A hotline does not make two governments agree. It gives them a way to be believed.
""",
    "seeds/beta.txt": """\
After the Summit

By Lee Chan

June 2021

The summit agreed on a schedule, not a treaty. The hotline stayed open.

Both sides said they would talk again within a year.
""",
    "content/site.yml": 'title: "Messages"\n',
    "content/essays/alpha.yml": """\
source: alpha.txt
outlet: The Example Review
summary: Petrova on the [[g:hotline]].
thesis:
  at: p3
  text: Channels let each side be believed.
claims:
  - at: p1-2
    text: The channels were built for emergencies.
""",
    "content/essays/beta.yml": "source: beta.txt\noutlet: unknown\n",
    "content/themes/ties.md": """\
---
title: Ties that hold
short: Ties
description: How the two sides keep talking.
questions:
  - "What does [[alpha#p1]] say about the hotline?"
---
The [[g:hotline]] matters ([[alpha#p1]]).

![[alpha#p3 "does not make"]]

See also [[beta#p1]] and [[alpha#what-the-channels-do]].
""",
    "content/glossary.yml": """\
hotline:
  name: Hotline
  kind: institution
  case: insensitive
  description: The direct line between the two capitals.
moscow:
  name: Moscow
  kind: place
  description: The capital of Russia.
""",
    "content/timeline.yml": 'hotline-1963:\n  date: "1963"\n  title: The hotline is installed\n  passages: [alpha#p1]\n',
    "content/pages/about.md": "---\ntitle: About\n---\nTwo invented essays, for the tests.\n",
}

OUTSIDE = "<outside>"  # stands in the rows for the folder beside the project, which differs from run to run


def make_project(folder: Path) -> Path:
    for rel, text in BASE.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- edits

Edit = Callable[[Path], object]


def append(rel: str, text: str) -> Edit:
    return lambda project: (project / rel).write_text((project / rel).read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(rel: str, old: str, new: str) -> Edit:
    def edit(project: Path) -> None:
        text = (project / rel).read_text(encoding="utf-8")
        assert old in text, (rel, old)
        (project / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(rel: str, text: str | bytes) -> Edit:
    def edit(project: Path) -> None:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return edit


def remove(rel: str) -> Edit:
    def edit(project: Path) -> None:
        target = project / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return edit


def link(rel: str, target: str) -> Edit:
    """Make `rel` a symbolic link to `target` (relative to the project; OUTSIDE for the folder beside it)."""
    def edit(project: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        destination = project.parent / "outside.txt" if target == OUTSIDE else project / target
        if target == OUTSIDE:
            destination.write_text("Not part of the project.\n", encoding="utf-8")
        path.symlink_to(destination)
    return edit


def folder_link(rel: str) -> Edit:
    """Make `rel` a symbolic link to a folder beside the project."""
    def edit(project: Path) -> None:
        destination = project.parent / "pictures"
        destination.mkdir()
        (destination / "map.png").write_bytes(b"\x89PNG")
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).symlink_to(destination)
    return edit


def both(*edits: Edit) -> Edit:
    return lambda project: [edit(project) for edit in edits]


def locked(*edits: Edit) -> Edit:
    """Record the passage lock as a build would, then make the edits."""
    def edit(project: Path) -> None:
        write_lock(project, load(project).analysis.lock)
        for e in edits:
            e(project)
    return edit


def fifo(rel: str) -> Edit:
    def edit(project: Path) -> None:
        (project / rel).unlink()
        os.mkfifo(project / rel)
    return edit


def without_default(name: str) -> Edit:
    """crosscut's own templates as if installed without `name` (a broken installation)."""
    def edit(project: Path) -> None:
        own = project.parent / "package-templates"
        shutil.copytree(crosscut.render.DEFAULT_TEMPLATES, own)
        (own / name).unlink()
        crosscut.render.DEFAULT_TEMPLATES = own
    return edit


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Row:
    name: str  # what is wrong
    edit: Edit  # makes it so
    expected: tuple[str, ...]  # every problem the check reports, as printed


def e(where: str, message: str, fix: str) -> str:
    return f"{where}: error: {message}\n    fix: {fix}"


def w(where: str, message: str, fix: str) -> str:
    return f"{where}: warning: {message}\n    fix: {fix}"


SETTINGS = "known settings: title, description, language, base_url, url, repository, updated"
META_FIELDS = ("known fields: source, slug, title, subtitle, authors, date, date_note, outlet, series, url, title_note, "
               "subtitle_note, authors_note, outlet_note, series_note, url_note, provenance, summary, thesis, claims, cleaning")
SOURCES_FIX = "sources must be regular files inside the project; replace it with the file itself"
INSPECT = "see 'python -m crosscut.inspect alpha'; to correct it, set 'title: \"…\"' in content/essays/alpha.yml"
LOCK_FIX = "restore content/passages.lock from version control, or delete it to record every citation afresh"
HTML_FIX = ("write it in Markdown (*emphasis*, [text](https://…), > quote); HTML would show as text, and could run script")
PARAGRAPHS_3 = "number paragraphs as the essay page shows them: p1 to p3"
YAML_FIX = "check indentation and quoting on this line; quote values that contain ': ' or '#'"
QUOTE_FIX = 'close the quote; inside "…" write \\" for a quote mark, inside \'…\' write \'\''
ACCEPT = "check that the citation still holds, then run the build with --accept-passages to record the new text"
SUMMIT = "The summit agreed on a schedule, not a treaty. The hotline stayed open."  # the first paragraph of beta
STATIC_KINDS = ("publish images as .png, .jpg, .jpeg, .gif, .webp, .avif; documents as .pdf, .txt, .csv, .json; "
                "audio and video as .mp3, .m4a, .ogg, .mp4, .webm; or move it out of content/")
RENUMBER = ("links to the old numbers (syllabi, other sites) now land elsewhere; after checking, run the build with "
            "--accept-passages to record this (the essay page then lists the change)")


def moved(where: str, old: int, new: int) -> str:
    return w(where, f"'alpha#p{old}' now cites ¶ {new}: the paragraph it was made to moved, its text unchanged",
             f"write #p{new} in this reference")

ROWS = [
    Row("nothing wrong", lambda project: None, ()),
    # ------------------------------------------------------------ the project itself
    Row("no content folder", remove("content"),
        (e("content", "no content/ folder here: this is not a crosscut project",
           "run crosscut in the project's folder (or name it with -C <folder>); to start one: crosscut new <folder>"),)),
    Row("no seeds folder", both(remove("seeds")),
        (e("seeds", "no seeds/ folder: the raw texts of the essays go there",
           "create seeds/ and put each essay's raw text in it as a .txt file"),)),
    Row("no essays", both(remove("seeds/alpha.txt"), remove("seeds/beta.txt"), remove("content/essays"),
                          remove("content/themes"), remove("content/glossary.yml"), remove("content/timeline.yml")),
        (e("seeds", "no essays yet: seeds/ holds no raw text (.txt)",
           "put an essay's raw text in seeds/<name>.txt and describe it in content/essays/<slug>.yml with the line: "
           "source: <name>.txt"),)),
    # ------------------------------------------------------------ site settings
    Row("unknown setting", append("content/site.yml", "titel: Typo\n"),
        (e("content/site.yml:2", "unknown setting 'titel' (did you mean 'title'?)", SETTINGS),)),
    Row("setting not text", append("content/site.yml", "language: 5\n"),
        (e("content/site.yml:2", "setting 'language' must be text", 'write it as language: "..."'),)),
    Row("url not an address", append("content/site.yml", 'url: "example.org"\n'),
        (e("content/site.yml", "setting 'url' must be an absolute address, got 'example.org'",
           'write it as url: "https://user.github.io/repo/"'),)),
    Row("repository not an address", append("content/site.yml", 'repository: "github.com/x"\n'),
        (e("content/site.yml", "setting 'repository' must be a web address, got 'github.com/x'",
           'write it as repository: "https://github.com/user/repo", or leave it empty'),)),
    Row("language not a code", append("content/site.yml", 'language: "en_GB"\n'),
        (e("content/site.yml", "setting 'language' must be a language code such as 'en' or 'pt-BR', got 'en_GB'",
           'write it as language: "en"'),)),
    Row("updated not a date", append("content/site.yml", 'updated: "May 2024"\n'),
        (e("content/site.yml", "setting 'updated' must be a date YYYY-MM-DD, got 'May 2024'",
           'write it as updated: "2026-11-23"'),)),
    Row("base URL with a space", append("content/site.yml", 'base_url: "/my site/"\n'),
        (e("content/site.yml", "the base URL '/my site/' may hold only letters, digits and - . _ ~ between its slashes",
           "serve the site under a plain path such as /crosscut/ (set by base_url, url or --base-url)"),)),
    # ------------------------------------------------------------ YAML, any file
    Row("YAML mapping values", replace("content/essays/beta.yml", "outlet: unknown", "outlet: Review: the sequel"),
        (e("content/essays/beta.yml:2", "malformed YAML: mapping values are not allowed here", YAML_FIX),)),
    Row("YAML quote runs on", replace("content/glossary.yml", "  description: The capital of Russia.",
                                      '  description: "The capital of Russia.\nnext: "x"'),
        (e("content/glossary.yml:9", "malformed YAML: the quoted value that starts on this line runs on to line 10; "
           "is its closing quote missing?", QUOTE_FIX),)),
    Row("YAML quote never closed", append("content/essays/beta.yml", 'title: "After\n'),
        (e("content/essays/beta.yml:3", "malformed YAML: the quoted value that starts on this line is never closed", QUOTE_FIX),)),
    Row("YAML list not closed", replace("content/timeline.yml", "[alpha#p1]", "[alpha#p1"),
        (e("content/timeline.yml:4", "malformed YAML: the list opened with '[' on this line is not closed properly "
           "(expected ',' or ']', but got '<stream end>')", YAML_FIX),)),
    Row("YAML key without colon", append("content/essays/beta.yml", "title After\nsubtitle: x\n"),
        (e("content/essays/beta.yml:3", "malformed YAML: could not find expected ':'",
           "add ': ' after the key, or join this line to the one before"),)),
    Row("YAML alias", append("content/essays/beta.yml", "title: &t After\nsubtitle: *t\n"),
        (e("content/essays/beta.yml:4", "malformed YAML: aliases (*t) are not allowed",
           "write the value out in full where it is needed"),)),
    Row("YAML nested too deep", append("content/essays/beta.yml", "cleaning: " + "[" * 45 + "]" * 45 + "\n"),
        (e("content/essays/beta.yml:3", "malformed YAML: values nested more than 40 deep",
           "flatten the value: curated files need only a few levels"),)),
    Row("YAML character not allowed", append("content/essays/beta.yml", "title: \ufffe\n"),
        (e("content/essays/beta.yml:3", "malformed YAML: character U+FFFE is not allowed", "delete the character: it is not text"),)),
    Row("YAML key twice", append("content/essays/beta.yml", "outlet: The Review\n"),
        (e("content/essays/beta.yml:3", "'outlet' appears twice (first on line 2); YAML would silently keep only this one",
           "merge the two, or rename one of them"),)),
    Row("YAML escaped control character", append("content/essays/beta.yml", 'title: "After\\x07"\n'),
        (e("content/essays/beta.yml:3", "invisible control character (U+0007) in a value",
           "delete the escape that makes it: it is not text, and pages and feeds cannot carry it"),)),
    Row("YAML not a mapping", write("content/timeline.yml", "- one\n- two\n"),
        (e("content/timeline.yml:1", "expected a mapping of 'key: value' lines, found a list", "write one 'key: value' per line"),)),
    # ------------------------------------------------------------ the read boundary
    Row("not UTF-8", write("content/essays/beta.yml", b"source: beta.txt\noutlet: caf\xe9\n"),
        (e("content/essays/beta.yml:2", "not UTF-8 text (byte 0xe9 cannot be decoded)", "save the file as UTF-8"),)),
    Row("control character in Markdown", append("content/pages/about.md", "A bell\x07 rings.\n"),
        (e("content/pages/about.md:5", "invisible control character (U+0007) in the text",
           "delete it: it is not text, and pages and feeds cannot carry it"),)),
    Row("seed outside the project", link("seeds/beta.txt", OUTSIDE),
        (e("seeds/beta.txt", f"beta.txt leads outside the project (to {OUTSIDE}/outside.txt)", SOURCES_FIX),)),
    Row("seed links to nothing", link("seeds/beta.txt", "seeds/gone.txt"),
        (e("seeds/beta.txt", "beta.txt is a link to a file that does not exist", SOURCES_FIX),)),
    Row("seed is a folder", both(remove("seeds/beta.txt"), lambda project: (project / "seeds" / "beta.txt").mkdir()),
        (e("seeds/beta.txt", "beta.txt is a folder, not a file", SOURCES_FIX),)),
    Row("seed is a pipe", fifo("seeds/beta.txt"),
        (e("seeds/beta.txt", "beta.txt is not a regular file", SOURCES_FIX),)),
    Row("template leads outside", link("templates/page.html", OUTSIDE),
        (e("templates/page.html", f"page.html leads outside the project (to {OUTSIDE}/outside.txt)", SOURCES_FIX),)),
    # ------------------------------------------------------------ seeds and essay metadata
    Row("seed without metadata", write("seeds/gamma.txt", "Gamma\n\nA third text.\n"),
        (e("seeds/gamma.txt", "this seed has no metadata file",
           "create content/essays/gamma.yml containing the line: source: gamma.txt"),)),
    Row("seed empty", write("seeds/beta.txt", "\n \n"),
        (e("seeds/beta.txt", "the seed is empty", "paste the essay's raw text into it"),)),
    Row("seed with control characters", replace("seeds/beta.txt", "a schedule", "a sche\x00dule"),
        (w("seeds/beta.txt:7", "1 invisible control character(s) (U+0000) removed, the first on this line",
           "delete them from the seed: they are not text, and pages and feeds cannot carry them"),)),
    Row("unknown metadata field", append("content/essays/beta.yml", "auther: Lee Chan\n"),
        (e("content/essays/beta.yml:3", "unknown field 'auther' (did you mean 'authors'?)", META_FIELDS),)),
    Row("source missing", write("content/essays/beta.yml", "outlet: unknown\n"),
        (e("content/essays/beta.yml:1", "required field 'source' is missing",
           "add a line 'source: <file name in seeds/>' naming the raw text of this essay"),)),
    Row("source misspelt", replace("content/essays/beta.yml", "source: beta.txt", "source: betta.txt"),
        (e("content/essays/beta.yml:1", "source 'betta.txt' is not a file in seeds/ (did you mean 'beta.txt'?)",
           "put the raw text in seeds/ or correct the file name"),)),
    Row("slug not an address", append("content/essays/beta.yml", "slug: Beta_2021\n"),
        (e("content/essays/beta.yml:3", "slug 'Beta_2021' must be lower-case words joined by hyphens",
           "use only a-z, 0-9 and single hyphens, e.g. 'smith-2024'"),)),
    Row("slug taken", append("content/essays/beta.yml", "slug: alpha\n"),
        (e("content/essays/beta.yml:3", "duplicate slug 'alpha', already used by content/essays/alpha.yml",
           "give one of the essays another 'slug:' (or rename its metadata file)"),)),
    Row("seed described twice", write("content/essays/gamma.yml", "source: beta.txt\noutlet: unknown\n"),
        (e("content/essays/gamma.yml:1", "seed 'beta.txt' is already described by content/essays/beta.yml",
           "each seed has exactly one metadata file; delete or correct one of them"),)),
    Row("url not an address", append("content/essays/beta.yml", "url: www.example.org/beta\n"),
        (e("content/essays/beta.yml:3", "url 'www.example.org/beta' is not a web address",
           "write the full address of the original, starting with https:// (or leave the field out)"),)),
    Row("field not text", append("content/essays/beta.yml", "series: [a, b]\n"),
        (e("content/essays/beta.yml:3", "field 'series' must be text, not list", 'write it as series: "..."'),)),
    Row("authors not a list", append("content/essays/beta.yml", "authors: {name: Lee Chan}\n"),
        (e("content/essays/beta.yml:3", "field 'authors' must be a list",
           "write authors as a list of entries like '- {name: Jane Doe, affiliation: Some University}', or 'unknown'"),)),
    Row("author entry malformed", append("content/essays/beta.yml", "authors: [{name: Lee Chan, role: editor}]\n"),
        (e("content/essays/beta.yml:3", "author entry {'name': 'Lee Chan', 'role': 'editor'} is not of the form {name, affiliation}",
           "write authors as a list of entries like '- {name: Jane Doe, affiliation: Some University}', or 'unknown'"),)),
    Row("date not a date", append("content/essays/beta.yml", 'date: "2021-02-30"\n'),
        (e("content/essays/beta.yml:3", "date '2021-02-30' is not a date",
           "write YYYY-MM-DD, YYYY-MM or YYYY (quote it), or 'unknown'"),)),
    Row("claims not a list", replace("content/essays/alpha.yml", "claims:\n  - at: p1-2\n    text: The channels were built for emergencies.\n",
                                     "claims: The channels were built.\n"),
        (e("content/essays/alpha.yml:7", "field 'claims' must be a list",
           "write claims as a list of '- {at: p4, text: \"...\"}'"),)),
    Row("claim malformed", replace("content/essays/alpha.yml", "  - at: p1-2", "  - at: first"),
        (e("content/essays/alpha.yml:7", "claims entry {'at': 'first', 'text': 'The channels were built for emergencies.'} "
           "is not of the form {at: p4, text: ...}", "write claims as a list of '- {at: p4, text: \"...\"}'"),)),
    Row("cleaning not a mapping", append("content/essays/beta.yml", "cleaning: [3]\n"),
        (e("content/essays/beta.yml:3", "field 'cleaning' must be a mapping", "use keys among: drop_lines, keep_lines, "
           "join_after, no_join_after, heading_lines, item_lines, paragraph_lines"),)),
    Row("unknown cleaning override", append("content/essays/beta.yml", "cleaning: {drop_line: [3]}\n"),
        (e("content/essays/beta.yml:3", "unknown cleaning override 'drop_line' (did you mean 'drop_lines'?)",
           "use keys among: drop_lines, keep_lines, join_after, no_join_after, heading_lines, item_lines, paragraph_lines"),)),
    Row("cleaning override not line numbers", append("content/essays/beta.yml", "cleaning: {drop_lines: [first]}\n"),
        (e("content/essays/beta.yml:3", "cleaning override 'drop_lines' must be a list of line numbers",
           "write it as drop_lines: [12, 40]"),)),
    Row("cleaning names a line past the end", append("content/essays/beta.yml", "cleaning: {drop_lines: [40]}\n"),
        (e("content/essays/beta.yml:3", "cleaning: drop_lines names line 40, but seeds/beta.txt has 9 lines",
           "use the line numbers that 'python -m crosscut.inspect beta' prints"),)),
    Row("cleaning names a blank line", append("content/essays/beta.yml", "cleaning: {drop_lines: [2]}\n"),
        (e("content/essays/beta.yml:3", "cleaning: drop_lines names line 2 of seeds/beta.txt, which is blank and belongs to no block",
           "use the number of a line with text; 'python -m crosscut.inspect beta' prints them"),)),
    Row("note for a field not set", append("content/essays/beta.yml", "series_note: From the index page.\n"),
        (e("content/essays/beta.yml:3", "'series_note' explains a field that is not set here",
           "set 'series:' in this file, or remove 'series_note'"),)),
    Row("provenance not an address", append("content/essays/beta.yml", "provenance: the index page\n"),
        (e("content/essays/beta.yml:3", "'provenance' must be a web address or a list of them",
           "write provenance: https://… (the public page that states the facts)"),)),
    # ------------------------------------------------------------ what the cleaner could not find, or doubts
    Row("no author", replace("seeds/beta.txt", "By Lee Chan\n", "\n"),
        (w("content/essays/beta.yml", "no author found in seeds/beta.txt; shown as unknown",
           "set 'authors: [{name: Jane Doe, affiliation: Some University}]' in content/essays/beta.yml "
           "(or 'authors: unknown' to accept it)"),)),
    Row("no date", replace("seeds/beta.txt", "June 2021\n", "\n"),
        (w("content/essays/beta.yml", "no date found in seeds/beta.txt; shown as unknown",
           "set 'date: \"2021-04\"' in content/essays/beta.yml (or 'date: unknown' to accept it)"),)),
    Row("no outlet", replace("content/essays/beta.yml", "outlet: unknown\n", ""),
        (w("content/essays/beta.yml", "no outlet found in seeds/beta.txt; shown as unknown",
           "set 'outlet: \"Name of the publication\"' in content/essays/beta.yml (or 'outlet: unknown' to accept it)"),)),
    Row("no title", write("seeds/beta.txt", "The summit agreed on a schedule, not a treaty. The hotline stayed open.\n"),
        (w("content/essays/beta.yml", "no title found in seeds/beta.txt; using the file name",
           "set 'title: \"...\"' in content/essays/beta.yml"),
         w("content/essays/beta.yml", "no author found in seeds/beta.txt; shown as unknown",
           "set 'authors: [{name: Jane Doe, affiliation: Some University}]' in content/essays/beta.yml "
           "(or 'authors: unknown' to accept it)"),
         w("content/essays/beta.yml", "no date found in seeds/beta.txt; shown as unknown",
           "set 'date: \"2021-04\"' in content/essays/beta.yml (or 'date: unknown' to accept it)"))),
    Row("subtitle read from the seed", replace("seeds/beta.txt", "After the Summit\n", "After the Summit\n\nWhat did Geneva change?\n"),
        (w("content/essays/beta.yml", "lines under the title of seeds/beta.txt were read as a subtitle: 'What did Geneva change?'",
           "check them; set 'subtitle:' in content/essays/beta.yml, or drop them with 'cleaning: {drop_lines: [...]}'"),)),
    Row("a doubt of the cleaner", replace("seeds/alpha.txt", "Quiet Channels", "the quiet channels"),
        (w("seeds/alpha.txt:1", "the title on line 1 does not start as a title does: 'the quiet channels'", INSPECT),)),
    # ------------------------------------------------------------ pages
    Row("page field unknown", replace("content/pages/about.md", "title: About", "title: About\nheading: About"),
        (e("content/pages/about.md:3", "page has unknown field 'heading'", "known fields: title"),)),
    Row("page without title", replace("content/pages/about.md", "title: About", "name: About"),
        (e("content/pages/about.md:2", "page has unknown field 'name'", "known fields: title"),
         e("content/pages/about.md:1", "page has no title", "start the file with front matter: ---, title: \"...\", ---"))),
    Row("page name not an address", write("content/pages/About Us.md", "---\ntitle: About us\n---\nUs.\n"),
        (e("content/pages/About Us.md", "page name 'About Us' cannot be an address",
           "rename the file to lower-case words joined by hyphens, e.g. content/pages/reading-guide.md"),)),
    Row("page name taken", write("content/pages/essays.md", "---\ntitle: Essays\n---\nOurs.\n"),
        (e("content/pages/essays.md", "page name 'essays' is taken: the site's own essays/ would be replaced",
           "rename the file; these names are the site's own: essays, themes, glossary, timeline, map, search, assets, "
           "cards, pagefind, 404"),)),
    Row("HTML in Markdown", append("content/pages/about.md", "A <b>bold</b> claim.\n"),
        (e("content/pages/about.md:5", "HTML is not allowed in content: '<b>'", HTML_FIX),)),
    Row("unsafe link", append("content/pages/about.md", "[Run](javascript:alert(1))\n"),
        (e("content/pages/about.md:5", "link to 'javascript:alert(1)' is not allowed: only http, https and mailto addresses "
           "and paths within the site", "point it at https://… or a site path such as /themes/; a javascript: address can "
           "run script or smuggle content"),)),
    Row("unsafe image", append("content/pages/about.md", "![x](data:image/png;base64,AAAA)\n"),
        (e("content/pages/about.md:5", "image from 'data:image/png;base64,AAAA' is not allowed: only http, https and mailto "
           "addresses and paths within the site", "point it at https://… or a site path such as /themes/; a data: address "
           "can run script or smuggle content"),)),
    Row("footnote without its note", append("content/themes/ties.md", "\nA closing remark.[^later]\n"),
        (e("content/themes/ties.md:14", "footnote [^later] has no text",
           "add its note on a line of its own below the paragraph: [^later]: …"),)),
    Row("footnote nothing refers to", append("content/themes/ties.md", "\n[^x]: A note nothing refers to.\n"),
        (e("content/themes/ties.md:14", "footnote [^x] is never referred to, so it would not be shown",
           "put [^x] in the text where the note belongs, or delete the note"),)),
    Row("footnote in a one-line field", replace("content/themes/ties.md", "description: How the", "description: How[^1] the"),
        (e("content/themes/ties.md:4", "footnote [^1] in a one-line field", "footnotes belong in the body of a theme or page, "
           "which lists them at its end; write the note into the text"),)),
    # ------------------------------------------------------------ static files under content/
    Row("static file of a kind that runs code", write("content/images/map.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"),
        (e("content/images/map.svg", "map.svg: a file of this kind is not published: opened in a browser it could run code "
           "on the site's address (a web page, an SVG image or a script can)", STATIC_KINDS),)),
    Row("static file outside the project", link("content/images/map.png", OUTSIDE),
        (e("content/images/map.png", f"map.png leads outside the project (to {OUTSIDE}/outside.txt)",
           "static files must be regular files inside the project; replace it with the file itself"),)),
    Row("static folder a link", folder_link("content/images"),
        (e("content/images", f"images is a link to a folder ({OUTSIDE}/pictures)",
           "static files must be regular files inside content/; move the folder here instead"),)),
    Row("static file in a page's place", write("content/robots.txt", "User-agent: *\n"),
        (e("content/robots.txt", "would replace the site's own robots.txt",
           "rename the file, or move it into a folder of its own such as content/images/"),)),
    Row("static file where the sitemap goes", write("content/sitemap.xml/logo.png", b"\x89PNG"),
        (e("content/sitemap.xml/logo.png", "would replace the site's own sitemap.xml",
           "rename the file, or move it into a folder of its own such as content/images/"),)),
    # ------------------------------------------------------------ glossary, timeline, themes
    Row("entry kind unknown", replace("content/glossary.yml", "kind: place", "kind: city"),
        (e("content/glossary.yml:6", "entry 'moscow' has unknown kind 'city'",
           "use one of: person, treaty, institution, place, event, program, concept"),)),
    Row("aliases not names", replace("content/glossary.yml", "kind: place", "kind: place\n  aliases: [Moskva, '']"),
        (e("content/glossary.yml:6", "entry 'moscow': aliases must be a list of names", "write aliases: [Name One, Name Two]"),)),
    Row("case neither", replace("content/glossary.yml", "kind: place", "kind: place\n  case: upper"),
        (e("content/glossary.yml:6", "entry 'moscow': case must be 'sensitive' or 'insensitive', not 'upper'",
           "write case: insensitive for terms that may start a sentence"),)),
    Row("name in two entries", replace("content/glossary.yml", "kind: place", "kind: place\n  aliases: [Hotline]"),
        (e("content/glossary.yml:9", "entry 'moscow': the name 'Hotline' is already given by entry 'hotline'",
           "keep each name in one entry only: a mention can link to one entry"),)),
    Row("search aliases not a list", replace("content/glossary.yml", "kind: place", "kind: place\n  search_aliases: Moskva"),
        (e("content/glossary.yml:9", "entry 'moscow': 'search_aliases' must be a list",
           "write search_aliases: [Gorbachov, Gorbatschow]"),)),
    Row("search aliases not spellings", replace("content/glossary.yml", "kind: place", "kind: place\n  search_aliases: [Moskva, '']"),
        (e("content/glossary.yml:9", "entry 'moscow': search_aliases must be a list of spellings",
           "write search_aliases: [Gorbachov, Gorbatschow]"),)),
    Row("search alias names another entry", replace("content/glossary.yml", "kind: place", "kind: place\n  search_aliases: [hotline]"),
        (e("content/glossary.yml:9", "entry 'moscow': the search alias 'hotline' is a name of entry 'hotline'",
           "a search alias finds the passages of its own entry only; remove it here"),)),
    Row("entry not mentioned", append("content/glossary.yml", "kremlin:\n  name: Kremlin\n  kind: place\n  description: A fortress.\n"),
        (w("content/glossary.yml:10", "glossary entry 'kremlin' is not mentioned in any essay",
           "add the spelling the essays use to its aliases, or remove the entry"),)),
    Row("entry not a mapping", append("content/glossary.yml", "kremlin: A fortress.\n"),
        (e("content/glossary.yml:10", "entry 'kremlin' must be a mapping of fields",
           "give it the fields: name, kind, aliases, search_aliases, case, sort, description"),)),
    Row("entry slug not an address", append("content/glossary.yml", "The_Kremlin:\n  name: Kremlin\n  kind: place\n  description: A fortress.\n"),
        (e("content/glossary.yml:10", "slug 'The_Kremlin' must be lower-case words joined by hyphens", "use only a-z, 0-9 and hyphens"),)),
    Row("entry field unknown", replace("content/glossary.yml", "kind: place", "kind: place\n  aliasses: [Moskva]"),
        (e("content/glossary.yml:9", "entry 'moscow' has unknown field 'aliasses' (did you mean 'aliases'?)",
           "known fields: name, kind, aliases, search_aliases, case, sort, description"),)),
    Row("entry field missing", replace("content/glossary.yml", "  description: The capital of Russia.\n", ""),
        (e("content/glossary.yml:6", "entry 'moscow' is missing the required field 'description'", "add 'description: …'"),)),
    Row("entry field not text", replace("content/glossary.yml", "name: Moscow", "name: [Moscow]"),
        (e("content/glossary.yml:7", "entry 'moscow': 'name' must be text, not a list", 'write name: "…" on one line, in quotes'),)),
    Row("passages not a list", replace("content/timeline.yml", "[alpha#p1]", "alpha#p1"),
        (e("content/timeline.yml:4", "entry 'hotline-1963': 'passages' must be a list",
           "write passages: [wallander-2003#p3, yu-sui-2021#p7]"),)),
    Row("event date not a date", replace("content/timeline.yml", '"1963"', '"1963-13"'),
        (e("content/timeline.yml:1", "event 'hotline-1963': date '1963-13' is not a date",
           "write YYYY-MM-DD, YYYY-MM or YYYY, in quotes"),)),
    Row("theme field unknown", replace("content/themes/ties.md", "short: Ties", "shrt: Ties"),
        (e("content/themes/ties.md:3", "theme 'ties' has unknown field 'shrt' (did you mean 'short'?)",
           "known fields: title, short, description, related, questions"),)),
    # ------------------------------------------------------------ references
    Row("reference not a reference", append("content/themes/ties.md", "\nSee [[Petrova 2019]].\n"),
        (e("content/themes/ties.md:14", "'Petrova 2019' is not a reference; write [[essay-slug#p12]], [[g:entry]] or [[t:theme]]",
           "see content/README.md for the reference syntax"),)),
    Row("a quote of three phrases", append("content/themes/ties.md", '\n![[alpha#p1 "a" "b" "c"]]\n'),
        (e("content/themes/ties.md:14", "a quote takes at most two phrases: the first and the last sentence",
           "see content/README.md for the reference syntax"),)),
    Row("timeline passage not a reference", replace("content/timeline.yml", "[alpha#p1]", "[alpha p1]"),
        (e("content/timeline.yml:1", "'alpha p1' is not a reference; write [[essay-slug#p12]], [[g:entry]] or [[t:theme]]",
           "write passages as essay-slug#p12"),)),
    Row("unknown essay", append("content/themes/ties.md", "\nSee [[alpah#p1]].\n"),
        (e("content/themes/ties.md:14", "unknown essay 'alpah' (did you mean 'alpha'?)", "use a slug defined in content/essays/"),)),
    Row("unknown entry", append("content/themes/ties.md", "\nSee [[g:hotlines]].\n"),
        (e("content/themes/ties.md:14", "unknown glossary 'hotlines' (did you mean 'hotline'?)",
           "use a slug defined in content/glossary.yml"),)),
    Row("unknown theme", append("content/themes/ties.md", "\nSee [[t:tie]].\n"),
        (e("content/themes/ties.md:14", "unknown theme 'tie' (did you mean 'ties'?)", "use a slug defined in content/themes/"),)),
    Row("unknown paragraph", append("content/themes/ties.md", "\nSee [[alpha#p2-4]].\n"),
        (e("content/themes/ties.md:14", "unknown paragraph 'alpha#p4' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    Row("unknown section", append("content/themes/ties.md", "\nSee [[alpha#what-the-channel-do]].\n"),
        (e("content/themes/ties.md:14", "unknown section 'alpha#what-the-channel-do' (did you mean 'what-the-channels-do'?)",
           "sections: what-the-channels-do"),)),
    Row("quoted words not found", append("content/themes/ties.md", '\n![[alpha#p3 "does not make friends"]]\n'),
        (e("content/themes/ties.md:14", "'does not make friends' not found in alpha#p3",
           "copy the words exactly from the paragraph (quotes and dashes may be straight or curly)"),)),
    Row("a claim past the end", replace("content/essays/alpha.yml", "  at: p3", "  at: p5"),
        (e("content/essays/alpha.yml:5", "unknown paragraph 'alpha#p5' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    Row("paragraph 0", append("content/themes/ties.md", "\nSee [[alpha#p0]].\n"),
        (e("content/themes/ties.md:14", "unknown paragraph 'alpha#p0' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    Row("a reference in a table cell", append("content/themes/ties.md", "\n| a | b |\n|---|---|\n| x | [[alpha#p9\\|Petrova]] |\n"),
        (e("content/themes/ties.md:16", "unknown paragraph 'alpha#p9' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    Row("a reference in a question", replace("content/themes/ties.md", "What does [[alpha#p1]]", "What does [[alpha#p7]]"),
        (e("content/themes/ties.md:6", "unknown paragraph 'alpha#p7' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    Row("a reference in a theme's description", replace("content/themes/ties.md", "keep talking.", "keep talking ([[alpha#p7]])."),
        (e("content/themes/ties.md:4", "unknown paragraph 'alpha#p7' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    Row("a reference in a glossary description", replace("content/glossary.yml", "two capitals.", "two capitals ([[beta#p3]])."),
        (e("content/glossary.yml:5", "unknown paragraph 'beta#p3' (the essay has 2 paragraphs)",
           "number paragraphs as the essay page shows them: p1 to p2"),)),
    Row("a reference in an essay's summary", replace("content/essays/alpha.yml", "[[g:hotline]]", "[[g:hotlin]]"),
        (e("content/essays/alpha.yml:3", "unknown glossary 'hotlin' (did you mean 'hotline'?)",
           "use a slug defined in content/glossary.yml"),)),
    Row("a claim's range past the end", replace("content/essays/alpha.yml", "  - at: p1-2", "  - at: p2-5"),
        (e("content/essays/alpha.yml:8", "unknown paragraph 'alpha#p5' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    Row("a timeline passage past the end", replace("content/timeline.yml", "[alpha#p1]", "[alpha#p1, alpha#p8]"),
        (e("content/timeline.yml:1", "unknown paragraph 'alpha#p8' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    Row("related theme unknown", replace("content/themes/ties.md", "short: Ties", "short: Ties\nrelated: [talks]"),
        (e("content/themes/ties.md:4", "related theme 'talks' does not exist", "use the file name of a page in content/themes/ without .md"),)),
    Row("a reference only the renderer meets", append("content/themes/ties.md", "\n```\n~~~\n```\n[[alpha#p9]]\n"),
        (e("content/themes/ties.md", "unknown paragraph 'alpha#p9' (the essay has 3 paragraphs)", PARAGRAPHS_3),)),
    # ------------------------------------------------------------ the passage lock
    Row("lock not a lock", write("content/passages.lock", "paragraphs: []\n"),
        (e("content/passages.lock:1", "not a passage lock: expected one 'essays:' mapping", LOCK_FIX),)),
    Row("lock entry malformed", write("content/passages.lock", "essays:\n  alpha:\n    cited: {}\n"),
        (e("content/passages.lock:2", "lock entry 'alpha' is malformed", LOCK_FIX),)),
    Row("cited paragraph moved", locked(replace("seeds/alpha.txt", "When the hotline", "A new first paragraph.\n\nWhen the hotline")),
        (moved("content/themes/ties.md:8", 1, 2), moved("content/themes/ties.md:10", 3, 4), moved("content/themes/ties.md:6", 1, 2),
         moved("content/timeline.yml:1", 1, 2), moved("content/essays/alpha.yml:5", 3, 4), moved("content/essays/alpha.yml:8", 1, 2),
         moved("content/essays/alpha.yml:8", 2, 3),
         w("content/passages.lock", "published ¶ numbers of 'alpha' changed: ¶¶ 1–3 are now ¶¶ 2–4", RENUMBER))),
    Row("a cited range torn apart", locked(replace("seeds/alpha.txt", "The two governments", "A new paragraph.\n\nThe two governments")),
        (moved("content/themes/ties.md:10", 3, 4), moved("content/essays/alpha.yml:5", 3, 4), moved("content/essays/alpha.yml:8", 2, 3),
         e("content/essays/alpha.yml:8", "'alpha#p1-2': the paragraphs of this range no longer stand together",
           "cite the paragraphs one by one, as the essay now numbers them"),
         w("content/passages.lock", "published ¶ numbers of 'alpha' changed: ¶¶ 2–3 are now ¶¶ 3–4", RENUMBER))),
    Row("cited paragraph joined", locked(replace("seeds/beta.txt", "stayed open.\n\nBoth", "stayed open. Both")),
        (w("content/themes/ties.md:12", "'beta#p1' now cites ¶ 1: the paragraph it was made to was joined with its neighbour",
           "write #p1 in this reference, and check that it still says what you cite"),)),
    Row("cited paragraph split", locked(replace("seeds/beta.txt", "not a treaty. The", "not a treaty.\n\nThe")),
        (e("content/themes/ties.md:12", "'beta#p1': the paragraph it was made to is now split into ¶ 1 and ¶ 2",
           "cite #p1, #p2 or the range #p1-2"),
         w("content/passages.lock", "published ¶ numbers of 'beta' changed: ¶ 2 is now ¶ 3", RENUMBER))),
    Row("cited paragraph gone", locked(replace("seeds/beta.txt", f"{SUMMIT}\n\n", "")),
        (e("content/themes/ties.md:12", "'beta#p1': the paragraph it was made to is no longer in the essay",
           "cite the paragraph that now makes the point, or remove the reference"),
         w("content/passages.lock", "published ¶ numbers of 'beta' changed: ¶ 1 was removed; ¶ 2 is now ¶ 1", RENUMBER))),
    Row("cited paragraph ambiguous", locked(replace("seeds/beta.txt", f"{SUMMIT}\n\nBoth sides said they would talk again within a year.",
                                                    f"Something else entirely.\n\n{SUMMIT}\n\n{SUMMIT}")),
        (e("content/themes/ties.md:12", "'beta#p1': the paragraph it was made to changed, and ¶ 2 and ¶ 3 both read like it",
           "cite the paragraph you mean by its current number"),
         w("content/passages.lock", "published ¶ numbers of 'beta' changed: ¶ 1 is now ¶ 2", RENUMBER))),
    Row("cited paragraph reworded", locked(replace("seeds/beta.txt", "stayed open.", "stayed open all year.")),
        (w("content/themes/ties.md:12", "the text of 'beta#p1' changed since it was cited\n"
           "    was: …not a treaty. The hotline stayed open.\n"
           "    now: …not a treaty. The hotline stayed open all year.", ACCEPT),)),
    # ------------------------------------------------------------ templates
    Row("template syntax", write("templates/page.html", '{% extends "base.html" %}\n{% block main %}{% if %}{% endblock %}\n'),
        (e("templates/page.html:2", "template syntax: Expected an expression, got 'end of statement block'",
           "fix the tag on this line; every {% block %}, {% if %} and {% for %} needs its end tag"),)),
    Row("template value unknown", write("templates/page.html", '{% extends "base.html" %}\n{% block main %}{{ body }}{% endblock %}\n'),
        (e("templates/page.html:2", "template failed: 'body' is undefined",
           "a template used a value the view does not give it; check the names against crosscut/views.py"),)),
    Row("template includes a missing one", write("templates/page.html", '{% extends "base.html" %}\n{% block main %}\n'
                                                 '{% include "_note.html" %}\n{% endblock %}\n'),
        (e("templates/page.html:3", "template '_note.html' is neither in templates/ nor among crosscut's own templates",
           "correct the name in this {% extends %} or {% include %}, or add templates/_note.html"),)),
    Row("a template of crosscut's own missing", without_default("timeline.html"),
        (e("templates", "template 'timeline.html' is neither in templates/ nor among crosscut's own templates",
           "add templates/timeline.html, or reinstall crosscut: its own copy is missing"),)),
]


# ---------------------------------------------------------------- the test


def reporting_places() -> set[tuple[str, int]]:
    """Every call of problems.error or problems.warn in the engine: (file name, line)."""
    places = set()
    for path in sorted(ENGINE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("error", "warn")
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "problems"):
                places.add((path.name, node.lineno))
    return places


def test_every_message_the_engine_gives(tmp_path, monkeypatch):
    reached: set[tuple[str, int]] = set()
    for name in ("error", "warn"):
        original = getattr(Problems, name)

        def recording(self, *args, _original=original, **kwargs):
            caller = sys._getframe(1)
            reached.add((Path(caller.f_code.co_filename).name, caller.f_lineno))
            return _original(self, *args, **kwargs)
        monkeypatch.setattr(Problems, name, recording)
    templates = crosscut.render.DEFAULT_TEMPLATES
    wrong = []
    for n, row in enumerate(ROWS):
        project = make_project(tmp_path / f"row{n}" / "project")
        lock = project / "content" / "passages.lock"
        try:
            row.edit(project)
            before = lock.read_bytes() if lock.is_file() else None
            found = tuple(str(p).replace(str(project.parent.resolve()), OUTSIDE)
                          for p in check(Options(project, project / "site")).items)
        finally:
            crosscut.render.DEFAULT_TEMPLATES = templates
        if found != row.expected:
            wrong.append(f"{row.name}:\n  expected: {row.expected!r}\n  found:    {found!r}")
        if (project / "site").exists() or (lock.read_bytes() if lock.is_file() else None) != before:
            wrong.append(f"{row.name}: the check wrote something")
    assert not wrong, "\n".join(wrong)
    unreached = sorted(reporting_places() - reached)
    assert not unreached, f"places that report a problem no row reaches: {unreached}"
