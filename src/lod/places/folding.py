"""Folding names for matching: one key per word that different spellings of the same name share.

``words(text)`` lower-cases, strips diacritics and romanisation marks, folds Arabic letter variants and drops
the article (``al-``, ``el``, ``ال``), so "Maarat al-Numan" gives ``maarat numan`` and "معرة النعمان" gives
``معره نعمان``. ``skeleton(text)`` goes further for Latin script: vowels after the first letter and doubled
letters go, so ``maarat``, ``maarrat`` and ``maaret`` all become ``mrt``. The rules are data:
``folding.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["skeleton", "words"]

RULES = Path(__file__).with_name("folding.yaml")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return rules


def words(text: str) -> list[str]:
    """The folded words of ``text``, articles dropped (kept when the name is nothing but an article)."""
    rules = _rules()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    for mark in rules["latin_marks"]:
        bare = bare.replace(mark, "")
    for variant, plain in rules["arabic_letters"].items():
        bare = bare.replace(variant, plain)
    tokens = [t for t in re.split(r"[\W_]+", bare) if t]
    articles = set(rules["latin_articles"])
    article = rules["arabic_article"]
    out = []
    for token in tokens:
        if token in articles:
            continue
        if token.startswith(article) and len(token) > len(article) + 1:
            token = token[len(article) :]
        out.append(token)
    return out or tokens


def skeleton(text: str) -> list[str]:
    """The words of ``text`` as consonant skeletons (Latin script), Arabic words as :func:`words` folds them."""
    return [_consonants(w) for w in words(text)]


def _consonants(word: str) -> str:
    if not word.isascii():
        return word
    for pair, plain in _rules()["latin_digraphs"].items():
        word = word.replace(pair, plain)
    head, tail = word[0], re.sub(r"[aeiouyw]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", head + tail)
