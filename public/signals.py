"""Retire the cached public pages whenever something they might show changes.

Every model whose rows can appear on a public page, directly or through a
figure, a rating or a count, is listed here. Saves, deletes and changes to
their many-to-many links all count, published or not: a draft becoming
published and a published item being unpublished are both just saves.
Bulk writes (`update()`, `bulk_create()`) send no model signals: the indicators
app's bulk writers (imports, the entry grid, re-rating) send `published_figures_written`
instead. Any other bulk write is bounded by the page cache's time limit
(PUBLIC_CACHE_SECONDS).
"""

from core.versioned import watch
from indicators.signals import published_figures_written
from public.caching import VERSION

WATCHED = [
    "organisation.Council", "organisation.Directorate", "organisation.Service", "organisation.Delegation",
    "priorities.StrategicPlan", "priorities.Priority", "priorities.NonPriority", "priorities.EngagementExercise",
    "priorities.EngagementGroup", "priorities.YouSaidWeDid", "priorities.ServicePlan", "priorities.Objective",
    "priorities.Milestone",
    "indicators.Indicator", "indicators.IndicatorVersion", "indicators.Period", "indicators.IndicatorValue",
    "indicators.Target", "indicators.ComparatorArea", "indicators.ComparatorGroup", "indicators.BenchmarkValue",
    "scrutiny.Committee", "scrutiny.ScrutinyReview", "scrutiny.Recommendation", "scrutiny.ImplementationUpdate",
    "scrutiny.BestValueReview", "scrutiny.FourCsSection", "scrutiny.DeliveryOption", "scrutiny.ImprovementAction",
    "complaints.Regime", "complaints.Category", "complaints.Complaint", "complaints.ComplaintStage",
    "complaints.PointOutcome", "complaints.OmbudsmanReferral",
    "public.Feedback",
]
WATCHED_LINKS = [
    ("priorities.Objective", "priorities"), ("priorities.Objective", "indicators"),
    ("priorities.EngagementExercise", "priorities"), ("indicators.ComparatorGroup", "areas"),
    ("scrutiny.BestValueReview", "indicators"), ("complaints.Complaint", "categories"),
]


def connect():
    watch(VERSION, models=WATCHED, links=WATCHED_LINKS, signals=[published_figures_written], uid="public-cache")
