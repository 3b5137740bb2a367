from pipeline.dedup.config import DedupConfig
from pipeline.dedup.fingerprint import Fingerprinter
from pipeline.dedup.survivors import SurvivorFacts

FACTS = SurvivorFacts("doc", 0.0, 0.0, 0, "doc.txt", 0)
TEXT = " ".join(f"Station {n} logged the kelp density near Carrow Point with a sonde that the Marrick team "
                f"built for it." for n in range(40))


def test_fingerprint_has_exact_key_signatures_counts_and_aligned_sample():
    entry = Fingerprinter(DedupConfig()).fingerprint(TEXT, FACTS)
    assert len(entry.exact_key) == 16
    assert entry.signature is not None and len(entry.signature) == 128
    assert entry.shingles > 100
    assert entry.frame_signature is not None and entry.frame_shingles > 0
    assert len(entry.frame_keys) == len(entry.frame_words) > 0


def test_short_text_gets_no_frame_signature():
    entry = Fingerprinter(DedupConfig()).fingerprint("A short note about the kelp.", FACTS)
    assert entry.signature is not None
    assert entry.frame_signature is None and entry.frame_shingles == 0 and len(entry.frame_keys) == 0


def test_text_with_few_english_function_words_gets_no_frame():
    german = " ".join(f"Messstation {n} zeigte dichten Seetang vor Carrow Point, sagte Marrick."
                      for n in range(40))
    assert Fingerprinter(DedupConfig()).fingerprint(german, FACTS).frame_signature is None


def test_spin_robust_off_skips_the_frame():
    entry = Fingerprinter(DedupConfig(spin_robust=False)).fingerprint(TEXT, FACTS)
    assert entry.frame_signature is None


def test_settings_name_everything_a_signature_depends_on():
    settings = Fingerprinter(DedupConfig(num_perm=64, seed=9)).settings()
    assert settings["num_perm"] == 64 and settings["seed"] == 9 and settings["scheme"] == "affine32"
    assert {"frame_shingle_size", "min_function_share", "common_words", "aligned_sample"} <= settings.keys()
