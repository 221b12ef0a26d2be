"""A Markdown architecture decision record (ADR) from an answer, ready to paste into a repository.

Follows the usual ADR shape (context, options considered, decision, consequences) so a team can
commit the outcome of a Slack discussion next to the code it shaped. It is a draft: it proposes, says
when the options tied or no needs were stated, and leaves the decision to the team.
"""

from __future__ import annotations

from bot.advice import CLEARLY_BETTER, Advisor, Answer, Recommendation
from bot.knowledge import KnowledgeBase

OPTIONS = 5
TEAMS_DECISION = ("This record was drafted by pyframework from what the discussion stated; the decision is the "
                  "team's. Edit it, then change the status to accepted or rejected.")


def _needs_lines(answer: Answer, kb: KnowledgeBase) -> list[str]:
    q = answer.question
    vocab = kb.vocabulary
    lines = [f"- Needs: {vocab.features[f].label}" for f in q.needs]
    lines += [f"- Not needed: {vocab.features[f].label}" for f in q.negated]
    lines += [f"- Avoid depending on: {library}" for library in q.avoided]
    lines += [f"- Keep using: {kb.names[library].title}" for library in q.libraries]
    lines += [f"- {vocab.traits[t].label}: {vocab.traits[t].values[v].label}" for t, v in q.traits]
    lines += [f"- Ruled out: {kb.frameworks[f].name}" for f in q.excluded]
    return lines or ["- No specific needs were stated; the ranking favours mature, widely used frameworks."]


def _option(rec: Recommendation) -> str:
    pros = "; ".join(rec.reasons[:4]) or rec.framework.summary.rstrip(".")
    cons = "; ".join(rec.caveats[:3]) or "none found for the stated needs"
    match = f", {rec.fit}% fit" if rec.fit is not None else ""
    return f"- **{rec.framework.name}** (score {rec.score:g}{match}). Pros: {pros}. Cons: {cons}."


def tied_with_first(ranked: list[Recommendation]) -> list[Recommendation]:
    """The options within CLEARLY_BETTER points of the first: a difference that small is adoption noise."""
    return [r for r in ranked if ranked[0].score - r.score < CLEARLY_BETTER]


def _decision(ranked: list[Recommendation], stated: bool) -> tuple[str, list[str]]:
    """The title and the Decision section: a proposal, a tie, or a general ranking, never a verdict."""
    chosen = ranked[0].framework
    tied = tied_with_first(ranked)
    if not stated:
        return (f"ADR: Choose a Python web framework ({chosen.name} leads a general ranking)",
                [f"No needs were stated, so {chosen.name} leads on maturity and adoption alone: {chosen.summary} "
                 "State the needs (what you build, the team, what must be built in) before deciding.",
                 "", TEAMS_DECISION])
    if len(tied) > 1:
        found = [r.framework.name for r in tied]
        names = " and ".join(found) if len(found) == 2 else ", ".join(found[:-1]) + " and " + found[-1]
        return (f"ADR: Choose {'between' if len(found) == 2 else 'among'} {names}",
                [f"The options tied: {names} fit what was stated about equally well (scores within "
                 f"{CLEARLY_BETTER:g} points). Choose on what this record does not capture: the team's experience, "
                 f"hosting, and the libraries you already use. {chosen.name} ranks first by a small margin.",
                 "", TEAMS_DECISION])
    return (f"ADR: Use {chosen.name} as our Python web framework",
            [f"Proposed: {chosen.name}. {chosen.summary}", "", TEAMS_DECISION])


def decision_record(answer: Answer, kb: KnowledgeBase, advisor: Advisor) -> str:
    """The ADR text for the question behind `answer` (recommend or compare)."""
    q = answer.question
    ranked = list(answer.recommendations) or advisor.rank(q, limit=OPTIONS)
    if not ranked:
        return "# No decision\n\nThere were no options to decide between."
    chosen = ranked[0].framework
    title, decision = _decision(ranked, q.has_needs)
    lines = [
        f"# {title}", "", "Status: proposed", "",
        "## Context", "", *_needs_lines(answer, kb), "",
        "## Options considered", "", *(_option(r) for r in ranked[:OPTIONS]), "",
        "## Decision", "", *decision, "",
        f"## Consequences of choosing {chosen.name}", "",
        *(f"- {s}" for s in chosen.strengths[:3]),
        *(f"- Trade-off: {w}" for w in chosen.weaknesses[:3]),
        *(f"- Revisit if: {a}" for a in chosen.avoid_when[:2]), "",
        "## Sources", "", *(f"- {url}" for url in chosen.sources), "",
        f"_Facts checked {chosen.checked}; drafted by pyframework._",
    ]
    return "\n".join(lines)
