# SPDX-License-Identifier: MIT
"""sources.py - readers for the four shared news archives of `make bench`.

Each reader yields article records {"id", "title", "body", "source", "url",
"lang"[, "date"]} in a fixed order, streaming, so that make-corpus.py can
stop as soon as it has its share of bytes (the archives unpack to hundreds
of MB). Bodies are paragraphs joined with "\\n", each stripped, empty ones
dropped. Ids never contain whitespace (../shared/peers requires it).
Standard library only; the .zst files are read through a `zstd -dc` pipe.
"""
import html
import json
import re
import subprocess
import tarfile
from datetime import timedelta, timezone
from email.utils import parsedate_to_datetime

LIVEDOOR = "livedoor-news-ja/ldcc-text.tar.zst"
HKCNEWS = "hkcnews-zh-hant/hkcnews-articles.tar.zst"
CHOSUN = "chosun-rss-ko/chosun-national-rss-items.jsonl.zst"
READHUB = "readhub-zh-hans/readhub-daily-json.tar.zst"


class Pipe:
    """`zstd -dc PATH` as a readable stream; closing it early (a reader
    that has its share) is not an error."""

    def __init__(self, path):
        self.path = path
        self.proc = subprocess.Popen(["zstd", "-dc", "--", path], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.stdout = self.proc.stdout
        self.finished = False

    def close(self):
        self.stdout.close()
        rc = self.proc.wait()
        # -13/141: SIGPIPE after an early close; only a complete read can fail
        if self.finished and rc != 0:
            raise SystemExit("make-corpus: zstd -dc %s failed (status %d)" % (self.path, rc))


def tar_members(path):
    """Yields (name, bytes) of each regular file of a .tar.zst, in archive order."""
    p = Pipe(path)
    try:
        with tarfile.open(fileobj=p.stdout, mode="r|") as tf:
            for m in tf:
                if m.isfile():
                    yield m.name, tf.extractfile(m).read()
        p.finished = True
    finally:
        p.close()


def jsonl_lines(path):
    p = Pipe(path)
    try:
        for line in p.stdout:
            yield line
        p.finished = True
    finally:
        p.close()


def clean_lines(text):
    """Paragraph lines: stripped (incl. U+3000 indentation), empty ones dropped."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def no_space(s):
    return re.sub(r"\s+", "_", s)


# ---- livedoor (ja): one file per article: URL, date, title, body lines ------
def livedoor(archive):
    """All articles sorted by id (the archive order is not stable across
    copies of the corpus; the id order is)."""
    skip = {"LICENSE.txt", "README.txt", "CHANGES.txt"}
    out = []
    for name, data in tar_members(archive):
        parts = name.split("/")
        if not name.endswith(".txt") or parts[-1] in skip or len(parts) < 3:
            continue
        lines = data.decode("utf-8", errors="replace").splitlines()
        if len(lines) < 3:
            continue
        rec = {
            "id": no_space(parts[-2] + "/" + parts[-1][:-len(".txt")]),
            "title": lines[2].strip(),
            "body": "\n".join(clean_lines("\n".join(lines[3:]))),
            "source": "livedoor/" + parts[-2],
            "url": lines[0].strip(),
            "lang": "ja",
        }
        m = re.match(r"(\d{4}-\d{2}-\d{2})", lines[1].strip())
        if m:
            rec["date"] = m.group(1)
        out.append(rec)
    out.sort(key=lambda r: r["id"])
    return iter(out)


# ---- hkcnews (zh-Hant): YAML front matter + Markdown ---------------------------
FM_KEY = re.compile(r'^([A-Za-z_]+):\s*(.*)$')


def yaml_scalar(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        try:
            return json.loads(v)  # double-quoted YAML scalars here are JSON-compatible
        except ValueError:
            return v[1:-1]
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1].replace("''", "'")
    return v


def hkcnews_article(name, data):
    lines = data.decode("utf-8", errors="replace").splitlines()
    meta, i = {}, 0
    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            m = FM_KEY.match(lines[i])
            if m and m.group(2).strip():
                meta[m.group(1)] = yaml_scalar(m.group(2))
            i += 1
        i += 1
    body, in_figure = [], False
    for ln in lines[i:]:
        s = ln.strip()
        if in_figure:
            in_figure = "</figure>" not in s
            continue
        if s.startswith("<figure"):
            in_figure = "</figure>" not in s
            continue
        if s.startswith("{{<") or s.startswith("{{%"):
            continue  # Hugo shortcodes (embedded videos)
        if s.startswith("# "):
            continue  # the title again
        s = re.sub(r"^#{2,6}\s*", "", s)
        if s:
            body.append(s)
    m = re.search(r"article_(\d+)\.md$", name)
    rec = {
        "id": "hkcnews/article_%d" % (int(m.group(1)) if m else 0),
        "title": meta.get("title", ""),
        "body": "\n".join(body),
        "source": no_space("hkcnews/" + (meta.get("category") or "unknown")),
        "url": meta.get("original_url") or meta.get("url") or "",
        "lang": "zh-Hant",
    }
    d = meta.get("date", "")
    if re.match(r"^\d{4}-\d{2}-\d{2}$", d):
        rec["date"] = d
    return rec


def hkcnews(archive):
    """Archive order (article directories in name order), streaming."""
    for name, data in tar_members(archive):
        if re.search(r"/article_\d+\.md$", name):
            yield hkcnews_article(name, data)


# ---- chosun (ko): RSS items as JSON Lines, body = HTML -----------------------
KST = timezone(timedelta(hours=9))


def html_text(s):
    s = re.sub(r"(?is)<figure\b.*?</figure>", "\n", s)
    s = re.sub(r"(?is)<(?:br|/p|p)\b[^>]*>", "\n", s)
    s = re.sub(r"(?s)<[^>]*>", "", s)
    return "\n".join(clean_lines(html.unescape(s)))


def chosun(path):
    """File order (pubDate order); items with an empty body are skipped."""
    for line in jsonl_lines(path):
        try:
            it = json.loads(line)
        except ValueError:
            continue
        body = html_text(it.get("content:encoded") or it.get("description") or "")
        link = it.get("link") or it.get("guid") or ""
        key = re.sub(r"^https?://[^/]+/", "", link).strip("/")
        if not body or not key:
            continue
        rec = {"id": no_space("chosun/" + key), "title": html.unescape(it.get("title") or "").strip(),
               "body": body, "source": "chosun/national", "url": link, "lang": "ko"}
        try:
            rec["date"] = parsedate_to_datetime(it.get("pubDate")).astimezone(KST).strftime("%Y-%m-%d")
        except (TypeError, ValueError, IndexError):
            pass
        yield rec


# ---- readhub (zh-Hans): a JSON array of topics per day -----------------------
def readhub(archive):
    """Day files in archive order, topics in file order (newest first)."""
    seen = set()
    for name, data in tar_members(archive):
        if not name.endswith(".json"):
            continue
        try:
            topics = json.loads(data.decode("utf-8", errors="replace"))
        except ValueError:
            continue
        for t in topics if isinstance(topics, list) else []:
            tid = str(t.get("id") or "")
            body = "\n".join(clean_lines(t.get("summary") or ""))
            if not tid or tid in seen or not body:
                continue
            seen.add(tid)
            rec = {"id": no_space("readhub/" + tid), "title": (t.get("title") or "").strip(),
                   "body": body, "source": "readhub", "url": "", "lang": "zh-Hans"}
            m = re.match(r"(\d{4}-\d{2}-\d{2})", t.get("date") or "")
            if m:
                rec["date"] = m.group(1)
            yield rec


# (archive path, reader, language label) in the order make-corpus.py fills
# its shares: smallest source first, so that the shortfall of a small one
# goes to the larger ones.
MIXED = [
    (LIVEDOOR, livedoor, "ja"),
    (READHUB, readhub, "zh-Hans"),
    (CHOSUN, chosun, "ko"),
    (HKCNEWS, hkcnews, "zh-Hant"),
]


def raw_bytes(rec):
    return len(rec["title"].encode("utf-8")) + len(rec["body"].encode("utf-8"))
