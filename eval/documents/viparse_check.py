"""Judge viparse's TCVN3 / VNI tables and content detection against independent encoders.

    pip install --no-deps --target /tmp/viparse viparse==0.1.31
    PYTHONPATH=.:/tmp/viparse python -m eval.documents.viparse_check

Every Vietnamese letter (lower and upper case) is encoded into TCVN3 and VNI bytes by the
encoders in tests/corpus/legacy_encoders.py (written from the layouts, not from either
table), read back as Latin-1, and decoded by viparse and by corpus.legacy; then the test
sentences of tests/corpus/test_legacy.py are detected by both. Prints what each gets wrong.
"""

from __future__ import annotations

import unicodedata

from corpus.legacy import convert_legacy, fix_legacy
from tests.corpus.legacy_encoders import to_tcvn3, to_vni
from tests.corpus.test_legacy import SENTENCES


def main() -> None:
    import viparse
    from viparse.normalize.detector import detect_encoding_by_content
    from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS, CHARMAPS
    from viparse.normalize.tables import convert

    print(f"viparse {getattr(viparse, '__version__', '?')}")
    letters = [unicodedata.normalize("NFC", b + t) for b in "aăâeêioôơuưy" for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")] + ["đ"]
    for name, encode, ours, theirs, cases in (
        ("TCVN3", to_tcvn3, "TCVN3", CHARMAPS["tcvn3"], ("lower",)),
        ("VNI", to_vni, "VNI", CHARMAPS["vni"], ("lower", "upper")),
    ):
        wrong_theirs, wrong_ours = [], []
        for case in cases:
            for letter in letters:
                ch = letter.upper() if case == "upper" else letter
                word = f"x{ch}x"
                surface = encode(word).decode("latin-1")
                if convert(surface, theirs) != word:
                    wrong_theirs.append(f"{ch}->{convert(surface, theirs)[1:-1]}")
                if convert_legacy(surface, ours) != word:
                    wrong_ours.append(ch)
        print(f"{name}: letters wrong  viparse {len(wrong_theirs)} {wrong_theirs}  corpus.legacy {len(wrong_ours)} {wrong_ours}")
    for name, encode in (("TCVN3", to_tcvn3), ("VNI", to_vni)):
        hits_theirs = hits_ours = exact_theirs = exact_ours = 0
        for s in SENTENCES:
            surface = encode(s).decode("latin-1")
            d = detect_encoding_by_content(surface, AUTO_DETECT_CHARMAPS)
            if (d.encoding or "").upper() == name:
                hits_theirs += 1
                exact_theirs += convert(surface, CHARMAPS[d.encoding]).lower() == s.lower()
            text, enc = fix_legacy(surface)
            hits_ours += enc == name
            exact_ours += text.lower() == s.lower()
        print(f"{name}: sentences detected  viparse {hits_theirs}/{len(SENTENCES)} (exact {exact_theirs})"
              f"  corpus.legacy {hits_ours}/{len(SENTENCES)} (exact {exact_ours})")
    false_theirs = sum(detect_encoding_by_content(s, AUTO_DETECT_CHARMAPS).encoding is not None for s in SENTENCES)
    false_ours = sum(fix_legacy(s)[1] is not None for s in SENTENCES)
    print(f"Unicode sentences wrongly converted  viparse {false_theirs}  corpus.legacy {false_ours}")


if __name__ == "__main__":
    main()
