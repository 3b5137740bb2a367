from pipeline.dedup.fingerprint import Fingerprinter
from pipeline.dedup.survivors import SurvivorFacts
from pipeline.dedup.config import DedupConfig

FACTS = SurvivorFacts("doc", 0.0, 0.0, 0, "doc.txt", 0)
TEXT = " ".join(f"Station {n} logged kelp density near Carrow Point with the Marrick sonde."
                for n in range(40))


def test_fingerprint_has_exact_key_signatures_and_counts():
    entry = Fingerprinter(DedupConfig()).fingerprint(TEXT, FACTS)
    assert len(entry.exact_key) == 16
    assert entry.signature is not None and len(entry.signature) == 128
    assert entry.shingles > 100
    assert entry.skeleton_signature is not None and entry.skeleton_shingles > 0


def test_short_text_gets_no_skeleton_signature():
    entry = Fingerprinter(DedupConfig()).fingerprint("A short note about kelp.", FACTS)
    assert entry.signature is not None
    assert entry.skeleton_signature is None and entry.skeleton_shingles == 0


def test_spin_robust_off_skips_the_skeleton():
    entry = Fingerprinter(DedupConfig(spin_robust=False)).fingerprint(TEXT, FACTS)
    assert entry.skeleton_signature is None


def test_settings_name_everything_a_signature_depends_on():
    settings = Fingerprinter(DedupConfig(num_perm=64, seed=9)).settings()
    assert settings["num_perm"] == 64 and settings["seed"] == 9 and settings["scheme"] == "affine32"
