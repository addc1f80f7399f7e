"""The wording checker does work linear in the text's length and stops after a bounded number of findings of
one kind: measured by counting the lines of the checker that run (a deterministic count of operations)."""

import sys
from collections import Counter

from moderation import checker
from moderation.checker import MAX_FINDINGS_PER_CODE, check_offer

CHECKER_FILE = checker.__file__


def lines_run(function, *args) -> int:
    """How many lines of moderation/checker.py run during ``function(*args)``."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != CHECKER_FILE:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def description(repeat: int, sentence: str) -> str:
    return "<p>Poste de vendeur en boulangerie, horaires du matin, équipe accueillante.</p>" + "".join(
        f"<p>{sentence.format(index=index)}</p>" for index in range(repeat))


PHONES = "Appelez le 06 12 {index:02d} {index:02d} 78 ou écrivez à contact{index}@exemple.fr"
WORDINGS = "Nous recherchons un jeune homme dynamique, de moins de 30 ans, www.site{index}.fr"


def test_findings_of_one_kind_are_capped():
    findings = check_offer("Vendeur (H/F)", description(500, PHONES))
    by_code = Counter(finding.code for finding in findings)
    assert by_code["coordonnees_telephone"] == MAX_FINDINGS_PER_CODE
    assert by_code["coordonnees_email"] == MAX_FINDINGS_PER_CODE


def test_the_checker_work_grows_linearly_with_the_number_of_matches():
    for sentence in (PHONES, WORDINGS):
        small = lines_run(check_offer, "Vendeur (H/F)", description(400, sentence))
        large = lines_run(check_offer, "Vendeur (H/F)", description(1600, sentence))
        assert large < 4.5 * small, (sentence, small, large)  # quadratic work would be ~16 times


def test_deduplicating_many_findings_is_not_quadratic():
    findings = [checker.Finding("coordonnees_url", "a_verifier", "m", "x", start, start + 5)
                for start in range(0, 40_000, 10)]
    small = lines_run(checker._deduplicate, findings[:1000])
    large = lines_run(checker._deduplicate, findings)
    assert large < 4.5 * small
