from pipeline.dedup.clusters import UnionFind, clusters


def test_pairs_join_transitively():
    assert clusters(6, [(0, 2), (2, 4), (1, 5)]) == [[0, 2, 4], [1, 5]]


def test_singletons_are_left_out():
    assert clusters(3, []) == []


def test_clusters_do_not_depend_on_pair_order():
    pairs = [(3, 1), (0, 3), (5, 4)]
    assert clusters(6, pairs) == clusters(6, list(reversed(pairs)))


def test_find_returns_one_root_per_set():
    forest = UnionFind(4)
    forest.union(0, 1)
    forest.union(2, 3)
    forest.union(1, 3)
    assert len({forest.find(item) for item in range(4)}) == 1
