"""How long detecting a post's language takes and how much memory the detector needs.

    uv run python benchmarks/language.py [--runs N] [--texts N] [--full]

Prints one JSON object per run, one per line:

    run, texts          which run, how many texts were detected in it
    first_seconds       the first detection of the process (it loads the models); run 1 only
    seconds_per_text    mean time per text, models loaded
    detected            how many texts got a language (the rest were too short or unclear)
    peak_mb             the process's peak RSS after the run (Django included)
    mode                "low" (what Orbis uses: trigram models) or "full" (--full: all n-grams)

The texts are sentences of classroom posts in 14 languages, of one to five sentences each,
plus short ones ("Great work!") that must get no language.
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbis.settings")
os.environ.setdefault("ORBIS_VAR_DIR", tempfile.mkdtemp(prefix="orbis-bench-"))
django.setup()

from orbis.board import language  # noqa: E402

SENTENCES = [
    "Today we measured how much water our school uses in one week.",
    "Hoy medimos cuánta agua usa nuestra escuela en una semana.",
    "Aujourd'hui nous avons mesuré combien d'eau notre école utilise en une semaine.",
    "Hoje medimos quanta água a nossa escola usa numa semana.",
    "Сьогодні ми виміряли, скільки води використовує наша школа за тиждень.",
    "Bugün okulumuzun bir haftada ne kadar su kullandığını ölçtük.",
    "आज हमने मापा कि हमारा स्कूल एक सप्ताह में कितना पानी इस्तेमाल करता है।",
    "قمنا اليوم بقياس كمية المياه التي تستخدمها مدرستنا في أسبوع واحد.",
    "Heute haben wir gemessen, wie viel Wasser unsere Schule in einer Woche verbraucht.",
    "Oggi abbiamo misurato quanta acqua usa la nostra scuola in una settimana.",
    "Dzisiaj zmierzyliśmy, ile wody zużywa nasza szkoła w ciągu tygodnia.",
    "今天我们测量了我们学校一周用多少水。",
    "Hari ini kami mengukur berapa banyak air yang digunakan sekolah kami dalam seminggu.",
    "Leo tulipima kiasi cha maji ambacho shule yetu hutumia kwa wiki moja.",
]
SHORT = ["Great work!", "Hola amigos", "Bravo", "👏👏", "ok"]


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def corpus(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for index in range(count):
        if index % 10 == 9:
            texts.append(rng.choice(SHORT))
        else:
            sentence = rng.choice(SENTENCES)
            texts.append(" ".join([sentence] * rng.randint(1, 5)))
    return texts


def full_detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in language.languages()]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--texts", type=int, default=500)
    parser.add_argument("--full", action="store_true", help="all n-gram models, for comparison")
    args = parser.parse_args(argv)
    if args.full:
        language._detector = full_detector()
    started = time.perf_counter()
    language.detect(SENTENCES[0])
    first = time.perf_counter() - started
    for run in range(1, args.runs + 1):
        texts = corpus(args.texts, seed=run)
        started = time.perf_counter()
        detected = sum(1 for text in texts if language.detect(text))
        seconds = time.perf_counter() - started
        row = {
            "run": run,
            "texts": len(texts),
            "seconds_per_text": round(seconds / len(texts), 6),
            "detected": detected,
            "peak_mb": peak_mb(),
            "mode": "full" if args.full else "low",
        }
        if run == 1:
            row["first_seconds"] = round(first, 3)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    sys.exit(main())
