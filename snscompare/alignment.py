"""What the aligner found, as plain data: each clause's topics with the reason
(:class:`Assignment`), the prohibited-content lists and their items, and the
aligned corpus (:class:`Alignment`) that the tables, the CLI and the dashboard read.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import Document
from .normalize import lemma_text
from .parser import Clause
from .taxonomy import Taxonomy

LIST_TOPIC = {"user": "user_prohibited", "city": "city_prohibited"}


@dataclass(frozen=True)
class Reason:
    """Why the aligner decided something, as a message code with its arguments:
    rendered in the reader's language by :func:`snscompare.i18n.reason_text`
    (``why_<code>`` in the catalogue).  An argument may itself be a Reason (a list
    item's reason names the list's), or a direction (``user`` / ``city``), which
    is rendered through the catalogue too."""

    code: str
    args: tuple = ()  # ((name, value), ...): a tuple, so the reason stays hashable

    @classmethod
    def of(cls, code: str, **args) -> "Reason":
        return cls(code, tuple(args.items()))

    def text(self, lang: str = "ja") -> str:
        from .i18n import reason_text

        return reason_text(self, lang)

    def __str__(self) -> str:
        return self.text("ja")


@dataclass(frozen=True)
class Assignment:
    """A clause placed under a topic."""

    doc_id: str
    clause_id: str
    topic: str
    score: float
    why: Reason  # why the cell is filled (``.reason`` renders it in Japanese)
    cue: str = ""  # the cue or heading that matched
    source: str = "auto"  # auto | override

    @property
    def reason(self) -> str:
        return self.why.text("ja")


@dataclass
class ProhibitedList:
    doc_id: str
    clause_id: str
    directions: list[str]
    why: dict[str, Reason]  # direction -> why

    @property
    def reasons(self) -> dict[str, str]:
        """direction -> why, in Japanese."""
        return {d: r.text("ja") for d, r in self.why.items()}
    items: list[str] = field(default_factory=list)
    inline: bool = False  # the items are named in the lead-in's own sentence (「…もの、…もの」)


@dataclass(frozen=True)
class ProhibitedItem:
    doc_id: str
    clause_id: str
    list_id: str
    categories: tuple[str, ...]
    directions: tuple[str, ...]
    cues: tuple[str, ...]  # the cue that matched, per category
    source: str = "auto"


@dataclass
class DocAlignment:
    """Everything the aligner found in one document."""

    doc_id: str
    assignments: list[Assignment]
    lists: list[ProhibitedList]
    items: list[ProhibitedItem]
    unplaced: list[str]  # clause ids with text that matched no topic


# --- matching ------------------------------------------------------------------


@dataclass
class Alignment:
    """The aligned corpus: what the tables, the CLI and the dashboard read."""

    docs: list[Document]
    taxonomy: Taxonomy
    per_doc: dict[str, DocAlignment]
    # Look-up indexes, built on first use (an Alignment is not modified after it is made).
    _docs_by_id: dict | None = field(default=None, init=False, repr=False, compare=False)
    _clauses_by_id: dict | None = field(default=None, init=False, repr=False, compare=False)
    _covered: dict | None = field(default=None, init=False, repr=False, compare=False)
    _by_topic: dict | None = field(default=None, init=False, repr=False, compare=False)
    _by_topic_doc: dict | None = field(default=None, init=False, repr=False, compare=False)
    _opening_lemmas: dict | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def doc_ids(self) -> list[str]:
        return [d.id for d in self.docs]

    def doc(self, doc_id: str) -> Document:
        if self._docs_by_id is None or len(self._docs_by_id) != len(self.docs):
            self._docs_by_id = {d.id: d for d in self.docs}
        d = self._docs_by_id.get(doc_id)
        if d is None:
            from .errors import UnknownIdError

            raise UnknownIdError("document", doc_id, self.doc_ids)
        return d

    def assignments_for(self, topic: str) -> list[Assignment]:
        """Every assignment to one topic, in document order."""
        if self._by_topic is None:
            by_topic: dict[str, list[Assignment]] = {}
            for a in self.assignments:
                by_topic.setdefault(a.topic, []).append(a)
            self._by_topic = by_topic
        return self._by_topic.get(topic, [])

    def covering(self, topic: str) -> dict[str, range]:
        """The documents with a clause on ``topic``, in corpus order, each with the
        positions of its assignments in :meth:`assignments_for` (a document's are
        adjacent, documents being in order).  A page asks "who covers this topic"
        for many topics; reading the answer off an index keeps that independent of
        the corpus size.  Built per topic on first use, so a page about one topic
        pays for one; ranges rather than lists, so the index adds no objects for
        the garbage collector to walk."""
        if self._by_topic_doc is None:
            self._by_topic_doc = {}
        got = self._by_topic_doc.get(topic)
        if got is None:
            got = self._by_topic_doc[topic] = {}
            found = self.assignments_for(topic)
            start = 0
            for k in range(1, len(found) + 1):
                if k == len(found) or found[k].doc_id != found[start].doc_id:
                    got[found[start].doc_id] = range(start, k)
                    start = k
        return got

    def assignments_in(self, topic: str, doc_id: str) -> list[Assignment]:
        """One document's assignments to one topic, in clause order."""
        where = self.covering(topic).get(doc_id)
        return self.assignments_for(topic)[where.start : where.stop] if where is not None else []

    def opening_lemmas(self, clause_id: str, chars: int = 200) -> str:
        """SudachiPy normalized forms of the first ``chars`` characters of a clause's
        matching copy: what model clauses are compared on.  Computed on first use
        and kept for the life of the alignment (SudachiPy is the costly step of a
        gaps page; a clause sampled for one topic is usually sampled again for the
        next document).  Not computed at alignment time: only the few thousand
        clauses a gaps page samples ever need it, against ~100,000 in a national corpus."""
        if self._opening_lemmas is None:
            self._opening_lemmas = {}
        key = (clause_id, chars)
        got = self._opening_lemmas.get(key)
        if got is None:
            got = self._opening_lemmas[key] = lemma_text(self.clause(clause_id).norm[:chars])
        return got

    def covered(self, doc_id: str) -> frozenset:
        """The topics a document covers."""
        if self._covered is None:
            self._covered = {}
        got = self._covered.get(doc_id)
        if got is None:
            got = self._covered[doc_id] = frozenset(a.topic for a in self.per_doc[doc_id].assignments)
        return got

    @property
    def assignments(self) -> list[Assignment]:
        return [a for d in self.docs for a in self.per_doc[d.id].assignments]

    @property
    def items(self) -> list[ProhibitedItem]:
        return [i for d in self.docs for i in self.per_doc[d.id].items]

    @property
    def lists(self) -> list[ProhibitedList]:
        return [lst for d in self.docs for lst in self.per_doc[d.id].lists]

    def clause(self, clause_id: str) -> Clause:
        if self._clauses_by_id is None:
            self._clauses_by_id = {c.id: c for d in self.docs for c in d.clauses}
        c = self._clauses_by_id.get(clause_id)
        if c is None:
            doc_id = clause_id.split(":", 1)[0]
            return self.doc(doc_id).clause(clause_id)  # raises for an unknown document
        return c
