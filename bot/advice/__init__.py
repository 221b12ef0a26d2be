"""Advice: from an understood question to an Answer (see advisor.py)."""

from bot.advice.advisor import Advisor
from bot.advice.model import Answer, Comparison, Recommendation, support_phrase
from bot.advice.weights import CLEARLY_BETTER, CLEARLY_BETTER_FIT

__all__ = ["CLEARLY_BETTER", "CLEARLY_BETTER_FIT", "Advisor", "Answer", "Comparison", "Recommendation",
           "support_phrase"]
