"""The plain-English sentences that open each public page: pure functions, no I/O.

Each takes counts and names already worked out from published data and says
what is going well and what is not, in words a resident would use.
"""

from indicators import rag as indicator_rag
from priorities.rag import Rag

# What an indicator's RAG means to a reader. Councils' schemes differ (decision 0003); the public
# sees three plain words, and the figure's page gives the detail.
ON_TARGET, NEAR_TARGET, OFF_TARGET, NO_TARGET = "on target", "just off target", "off target", "no target"
TARGET_WORDS = {
    indicator_rag.GREEN: ON_TARGET,
    indicator_rag.GREEN_AMBER: NEAR_TARGET,
    indicator_rag.AMBER: NEAR_TARGET,
    indicator_rag.RED_AMBER: OFF_TARGET,
    indicator_rag.RED: OFF_TARGET,
}
TARGET_COLOURS = {ON_TARGET: "green", NEAR_TARGET: "yellow", OFF_TARGET: "red", NO_TARGET: "grey"}

# What a plan rating (decision 0002) means for a priority or an objective.
PROGRESS_WORDS = {
    Rag.GREEN: "on track",
    Rag.AMBER: "some delays",
    Rag.RED: "behind schedule",
    Rag.GREY: "not started yet",
}
PROGRESS_COLOURS = {Rag.GREEN: "green", Rag.AMBER: "yellow", Rag.RED: "red", Rag.GREY: "grey"}

NUMBER_WORDS = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def target_words(rag):
    return TARGET_WORDS.get(rag or "", NO_TARGET)


def number(n):
    """Numbers below ten in words, as GOV.UK style asks (zero as 'none'); larger ones in figures."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def plural(n, singular, plural_form=None):
    return singular if n == 1 else (plural_form or f"{singular}s")


def ordinal(n):
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join_names(names, limit=3):
    """'A', 'A and B', 'A, B and C', or 'A, B, C and 2 more'."""
    names = [str(n) for n in names]
    if not names:
        return ""
    if len(names) > limit:
        rest = len(names) - limit
        return f"{', '.join(names[:limit])} and {rest} more"
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def capitalise(sentence):
    return sentence[:1].upper() + sentence[1:]


def indicators_summary(items):
    """Sentences about indicators from (name, rag) pairs of their latest published figures."""
    if not items:
        return ["The council has not published any figures yet."]
    groups = {ON_TARGET: [], NEAR_TARGET: [], OFF_TARGET: [], NO_TARGET: []}
    for name, rag in items:
        groups[target_words(rag)].append(name)
    with_target = len(items) - len(groups[NO_TARGET])
    sentences = []
    if with_target:
        on = len(groups[ON_TARGET])
        first = (f"{capitalise(number(on))} of the {with_target} published {plural(with_target, 'indicator')} "
                 f"with a target {'is' if on == 1 else 'are'} on target.")
        sentences.append(first)
        off = groups[OFF_TARGET]
        if off:
            sentences.append(f"{capitalise(number(len(off)))} {'is' if len(off) == 1 else 'are'} off target: "
                             f"{join_names(off)}.")
        near = groups[NEAR_TARGET]
        if near:
            sentences.append(f"{capitalise(number(len(near)))} {'is' if len(near) == 1 else 'are'} just off "
                             f"target: {join_names(near)}.")
        if not off and not near:
            sentences.append("None is off target.")
    no_target = len(groups[NO_TARGET])
    if no_target:
        sentences.append(f"{capitalise(number(no_target))} {plural(no_target, 'indicator has', 'indicators have')} "
                         "figures but no target, so they show a trend only.")
    return sentences


def priorities_summary(items):
    """Sentences about priorities from (title, Rag) pairs of this year's progress."""
    if not items:
        return ["The council has not published its priorities yet."]
    groups = {rating: [] for rating in Rag}
    for title, rating in items:
        groups[rating].append(title)
    total = len(items)
    on_track = len(groups[Rag.GREEN])
    sentences = [f"{capitalise(number(on_track))} of the council's {total} published "
                 f"{plural(total, 'priority', 'priorities')} {'is' if on_track == 1 else 'are'} on track this year."]
    behind = groups[Rag.RED]
    if behind:
        sentences.append(f"{capitalise(number(len(behind)))} {'is' if len(behind) == 1 else 'are'} behind "
                         f"schedule: {join_names(behind)}.")
    slipping = groups[Rag.AMBER]
    if slipping:
        sentences.append(f"{capitalise(number(len(slipping)))} {plural(len(slipping), 'has', 'have')} some "
                         f"delays: {join_names(slipping)}.")
    waiting = groups[Rag.GREY]
    if waiting:
        sentences.append(f"Work on {number(len(waiting))} {plural(len(waiting), 'has', 'have')} not started yet.")
    return sentences


PRIORITY_SENTENCES = {
    Rag.GREEN: "This priority is on track.",
    Rag.AMBER: "Most of the work for this priority is on track, but some is delayed.",
    Rag.RED: "This priority is behind schedule: much of its work is overdue.",
    Rag.GREY: "Work on this priority has not started yet.",
}


def milestones_summary(total, complete, overdue_titles, year_label, *, one_service=False):
    """A sentence about the milestones of the year's published plans (or of one service's plan)."""
    if not total:
        return [f"No milestones have been published for {year_label} yet."]
    who, whose = ("the service has", "its plan") if one_service else ("services have", "their plans")
    sentences = [f"In {year_label}, {who} completed {number(complete)} of the {total} published "
                 f"{plural(total, 'milestone')} in {whose}."]
    if overdue_titles:
        n = len(overdue_titles)
        sentences.append(f"{capitalise(number(n))} {'is' if n == 1 else 'are'} overdue: {join_names(overdue_titles)}.")
    else:
        sentences.append("None is overdue.")
    return sentences


def _moved(direction):
    if direction.judgement == indicator_rag.BETTER:
        return "improved"
    if direction.judgement == indicator_rag.WORSE:
        return "got worse"
    if direction.judgement is None:  # a target range with no target to judge by
        return {indicator_rag.UP: "went up", indicator_rag.DOWN: "went down"}.get(direction.movement, "did not change")
    return "did not change"


def indicator_summary(*, name, period, figure, target, rag, polarity_label, vs_previous, vs_last_year,
                      england=None, rank=None, ranked_among=None, group=None, benchmark_period=None):
    """Sentences about one indicator's latest published figure, already formatted as text."""
    if figure is None:
        return [f"No figures have been published for {name} yet."]
    words = target_words(rag)
    sentences = []
    if target:
        sentences.append(f"In {period} the figure was {figure}, against a target of {target}: {words}.")
    else:
        sentences.append(f"In {period} the figure was {figure}. There is no target for this period.")
    sentences.append(f"{polarity_label}.")
    moves = [(_moved(direction), since)
             for direction, since in ((vs_previous, "the period before"),
                                      (vs_last_year, "the same period a year before")) if direction is not None]
    if len(moves) == 2 and moves[0][0] == moves[1][0]:
        sentences.append(f"It {moves[0][0]} since {moves[0][1]} and since {moves[1][1]}.")
    elif moves:
        sentences.append("It " + " but ".join(f"{verb} since {since}" for verb, since in moves) + ".")
    if rank and ranked_among and group:
        sentences.append(f"In {benchmark_period} it ranked {ordinal(rank)} of {ranked_among} compared with "
                         f"{group}, where 1st is the best.")
    if england:
        sentences.append(f"The figure for England in {period} was {england}.")
    return sentences


def responses_summary(*, reviews, recommendations, accepted, partly, rejected, awaiting, implemented,
                      single=False):
    """Sentences about published scrutiny reviews (or one review) and the executive's responses."""
    if not reviews:
        return ["No scrutiny review reports have been published yet."]
    subject = "This review" if single else (f"{capitalise(number(reviews))} published scrutiny "
                                            f"{plural(reviews, 'review')}")
    sentences = [f"{subject} made {number(recommendations)} {plural(recommendations, 'recommendation')}."]
    answered = accepted + partly + rejected
    if answered:
        sentences.append(f"The executive accepted {number(accepted)}, partly accepted {number(partly)} and "
                         f"rejected {number(rejected)}, giving its reasons.")
    if awaiting:
        sentences.append(f"{capitalise(number(awaiting))} {'is' if awaiting == 1 else 'are'} still waiting for "
                         "the executive's response.")
    if accepted + partly:
        sentences.append(f"{capitalise(number(implemented))} of the {number(accepted + partly)} accepted "
                         f"{plural(accepted + partly, 'recommendation')} {'has' if implemented == 1 else 'have'} "
                         "been carried out so far.")
    return sentences


def best_value_summary(*, reviews, actions, complete, overdue, single=False):
    if not reviews:
        return ["No Best Value review reports have been published yet."]
    sentences = [] if single else [f"{capitalise(number(reviews))} Best Value {plural(reviews, 'review')} "
                                   f"{'has' if reviews == 1 else 'have'} been published."]
    if actions:
        plans = "Its improvement plan holds" if single else "Their improvement plans hold"
        sentences.append(f"{plans} {number(actions)} {plural(actions, 'action')}: "
                         f"{number(complete)} {'is' if complete == 1 else 'are'} complete"
                         + (f" and {number(overdue)} {'is' if overdue == 1 else 'are'} overdue." if overdue
                            else " and none is overdue."))
    return sentences


def complaints_summary(*, year_label, formal, compliments, on_time, top_category):
    """Sentences from suppressed statistics: `formal` and `compliments` print as 'fewer than 5' when small."""
    sentences = [f"In {year_label} the council received {formal} formal "
                 f"{plural(getattr(formal, 'value', 0), 'complaint')} about its services and {compliments} "
                 f"{plural(getattr(compliments, 'value', 0), 'compliment')}."]
    if on_time is not None:
        sentences.append(f"It answered {on_time}% of complaints within the time it is allowed.")
    if top_category:
        sentences.append(f"The most common subject of complaints was {top_category.lower()}.")
    return sentences
