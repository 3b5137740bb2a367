"""Union-find over document positions: verified pairs join clusters transitively."""

from __future__ import annotations

from collections.abc import Iterable


class UnionFind:
    """Disjoint sets with path halving and union by size."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))
        self._size = [1] * size

    def find(self, item: int) -> int:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        root_first, root_second = self.find(first), self.find(second)
        if root_first == root_second:
            return
        if self._size[root_first] < self._size[root_second]:
            root_first, root_second = root_second, root_first
        self._parent[root_second] = root_first
        self._size[root_first] += self._size[root_second]


def clusters(size: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Groups of two or more positions joined by `pairs`, each sorted, in order of their
    smallest member (singletons are left out: they need no decision)."""
    forest = UnionFind(size)
    for first, second in pairs:
        forest.union(first, second)
    groups: dict[int, list[int]] = {}
    for item in range(size):
        groups.setdefault(forest.find(item), []).append(item)
    return sorted((group for group in groups.values() if len(group) > 1), key=lambda group: group[0])
