from django.urls import path

from public import feeds, views
from public.caching import cached_public_page

urlpatterns = [
    # What the council publishes, for anyone, without signing in.
    path("", views.home, name="public-home"),
    path("published/branding.css", views.branding_css, name="public-branding-css"),
    path("published/priorities/", views.priorities, name="public-priorities"),
    path("published/priorities/<int:pk>/", views.priority, name="public-priority"),
    path("published/priorities/<int:pk>/feedback/", views.feedback_on_priority, name="public-priority-feedback"),
    path("published/not-priorities/", views.non_priorities, name="public-non-priorities"),
    path("published/service-plans/", views.service_plans, name="public-service-plans"),
    path("published/services/<int:pk>/", views.service, name="public-service"),
    path("published/services/<int:pk>/feedback/", views.feedback_on_service, name="public-service-feedback"),
    path("published/indicators/", views.indicators, name="public-indicators"),
    path("published/indicators/<int:pk>/", views.indicator, name="public-indicator"),
    path("published/you-said-we-did/", views.engagement, name="public-engagement"),
    path("published/scrutiny/", views.scrutiny, name="public-scrutiny"),
    path("published/scrutiny/<int:pk>/", views.scrutiny_review, name="public-scrutiny-review"),
    path("published/best-value/", views.best_value, name="public-best-value"),
    path("published/best-value/<int:pk>/", views.best_value_review, name="public-best-value-review"),
    path("published/complaints/", views.complaints, name="public-complaints"),
    path("published/feedback/", views.feedback_list, name="public-feedback"),
    path("published/feedback/sent/", views.feedback_sent, name="public-feedback-sent"),
    # Open data and the feed of updates.
    path("published/data/", views.open_data, name="public-data"),
    path("published/data/indicator-values.csv", views.indicator_values_csv, name="public-data-values"),
    path("published/data/indicators/<int:pk>.csv", views.indicator_csv, name="public-data-indicator"),
    path("published/data/milestones.csv", views.milestones_csv, name="public-data-milestones"),
    path("published/data/priorities.csv", views.priorities_csv, name="public-data-priorities"),
    path("published/data/scrutiny-recommendations.csv", views.recommendations_csv,
         name="public-data-recommendations"),
    path("published/feed/", cached_public_page(feeds.UpdatesFeed()), name="public-feed"),
    # Staff: the performance team moderates feedback; the officer it is routed to answers it.
    path("organisation/feedback/", views.moderation_queue, name="public-feedback-queue"),
    path("organisation/feedback/<int:pk>/", views.moderation_detail, name="public-feedback-moderate"),
]
