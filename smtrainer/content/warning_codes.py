"""Codes of the checker warnings a pack may acknowledge in `[[acknowledged]]`."""

from __future__ import annotations

from enum import StrEnum


class WarningCode(StrEnum):
    """One kind of acknowledgeable warning; the value is what authors write."""

    MISSING_FEEDBACK = "missing-feedback"
    CORRECT_LONGEST = "correct-longest"
    CORRECT_MUCH_LONGER = "correct-much-longer"
    BEST_LONGEST = "best-longest"
    RESTRICTIVE_WORDS = "restrictive-words"
    RESTRICTIVE_TRUE_FALSE = "restrictive-true-false"
    TRUE_FALSE_BALANCE = "true-false-balance"
    OPTION_REFERS_TO_OTHERS = "option-refers-to-others"
    NEAR_DUPLICATE = "near-duplicate"
    CHECK_COPIES_QUESTION = "check-copies-question"
    SMALL_MODULE_POOL = "small-module-pool"
    SMALL_SECTION_POOL = "small-section-pool"
    UNUSED_ACKNOWLEDGEMENT = "unused-acknowledgement"


CODES = tuple(code.value for code in WarningCode)
