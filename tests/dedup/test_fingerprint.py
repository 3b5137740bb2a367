import numpy as np

from pipeline.dedup.config import DedupConfig
from pipeline.dedup.fingerprint import Fingerprinter

TEXT = " ".join(f"Station {n} logged the kelp density near Carrow Point with a sonde that the Marrick team "
                f"built for it." for n in range(40))


def fingerprint(text: str, config: DedupConfig | None = None):
    return Fingerprinter(config or DedupConfig()).fingerprint([text])


def test_fingerprint_has_exact_key_signatures_counts_and_aligned_sample():
    table = fingerprint(TEXT)
    assert table.exact_keys.shape == (1, 2)
    assert table.signatures.shape == (1, 128) and table.shingles[0] > 100
    assert table.frame_signatures.shape == (1, 128) and table.frame_shingles[0] > 0
    assert len(table.sample(0)) > 0


def test_short_text_gets_no_frame_signature():
    table = fingerprint("A short note about the kelp.")
    assert table.shingles[0] > 0
    assert table.frame_shingles[0] == 0 and len(table.sample(0)) == 0


def test_text_in_no_frame_language_gets_no_frame():
    dutch = " ".join(f"Meetstation {n} toonde dicht zeewier bij Carrow Point, zei Marrick."
                     for n in range(40))
    assert fingerprint(dutch).frame_shingles[0] == 0


def test_spin_robust_off_skips_the_frame():
    assert fingerprint(TEXT, DedupConfig(spin_robust=False)).frame_shingles[0] == 0


def test_a_text_gets_the_same_fingerprint_alone_and_in_a_batch():
    other = "Orchard rows gave crates of quince to the Pellow cider barn, " * 30
    fingerprinter = Fingerprinter(DedupConfig())
    batch = fingerprinter.fingerprint([other, "", TEXT])
    alone = Fingerprinter(DedupConfig()).fingerprint([TEXT])
    assert np.array_equal(batch.signatures[2], alone.signatures[0])
    assert np.array_equal(batch.frame_signatures[2], alone.frame_signatures[0])
    assert np.array_equal(batch.sample(2), alone.sample(0))
    assert np.array_equal(batch.exact_keys[2], alone.exact_keys[0])
    assert batch.shingles[1] == 0


def test_exact_key_ignores_case_spacing_and_punctuation():
    texts = ["Hello,  World!", "hello world", "hello there"]
    keys = Fingerprinter(DedupConfig()).fingerprint(texts).exact_keys
    assert np.array_equal(keys[0], keys[1]) and not np.array_equal(keys[0], keys[2])


def test_lone_surrogates_are_hashed_not_an_error():
    table = fingerprint("broken \ud800 text " * 20)
    assert table.shingles[0] > 0


def test_settings_name_everything_a_signature_depends_on():
    settings = Fingerprinter(DedupConfig(num_perm=64, seed=9)).settings()
    assert settings["num_perm"] == 64 and settings["seed"] == 9 and settings["scheme"] == "affine32"
    assert {"frame_shingle_size", "frame_languages", "min_function_share", "common_words",
            "aligned_sample"} <= settings.keys()


def test_a_batch_of_texts_without_a_word_gets_fingerprints_of_no_shingles():
    table = Fingerprinter(DedupConfig()).fingerprint(["", " \n "])
    assert table.signatures.shape == (2, 128) and list(table.shingles) == [0, 0]
