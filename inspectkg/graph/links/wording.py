"""How alike two wordings are: TF-IDF cosine, the same for the same texts on every run."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2))


def similarity_array(texts: list[str]) -> np.ndarray:
    """Pairwise cosine of every text with every other (rare shared words count most)."""
    if not any(t.strip() for t in texts):
        return np.zeros((len(texts), len(texts)))
    vectors = _vectorizer().fit_transform(texts)
    return cosine_similarity(vectors)


def similarity_matrix(texts: list[str]) -> list[list[float]]:
    """The same as lists (for the few small comparisons that index it by position)."""
    return similarity_array(texts).tolist()


def similarity(left: list[str], right: list[str]) -> list[list[float]]:
    """Cosine of each left text with each right text, weighted over both lists."""
    matrix = similarity_matrix(left + right)
    return [row[len(left):] for row in matrix[: len(left)]]
