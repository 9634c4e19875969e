from django.urls import path

from appraisals import views

app_name = "appraisals"

urlpatterns = [
    path("appraisals/", views.team, name="team"),
    path("appraisals/my-objectives/", views.my_objectives, name="my-objectives"),
    path("appraisals/coverage/", views.coverage, name="coverage"),
    path("appraisals/cascade/", views.cascade, name="cascade"),
    path("appraisals/cycles/", views.cycle_list, name="cycle-list"),
    path("appraisals/cycles/new/", views.cycle_create, name="cycle-create"),
    path("appraisals/cycles/<int:pk>/", views.cycle_detail, name="cycle-detail"),
    path("appraisals/cycles/<int:pk>/edit/", views.cycle_edit, name="cycle-edit"),
    path("appraisals/start/<int:person_pk>/", views.appraisal_start, name="start"),
    path("appraisals/<int:pk>/", views.appraisal_detail, name="detail"),
    path("appraisals/<int:pk>/plan/", views.plan_edit, name="plan-edit"),
    path("appraisals/<int:pk>/objectives/new/", views.objective_create, name="objective-create"),
    path("appraisals/objectives/<int:pk>/edit/", views.objective_edit, name="objective-edit"),
    path("appraisals/objectives/<int:pk>/agree/", views.objective_agree, name="objective-agree"),
    path("appraisals/objectives/<int:pk>/progress/", views.progress_note_create, name="progress-note-create"),
    path("appraisals/<int:pk>/reviews/<str:kind>/", views.review_detail, name="review"),
    path("appraisals/<int:pk>/reviews/<str:kind>/comments/", views.review_comments, name="review-comments"),
    path("appraisals/<int:pk>/reviews/<str:kind>/assessment/", views.review_assess, name="review-assess"),
    path("appraisals/<int:pk>/reviews/<str:kind>/sign-off/", views.review_sign_off, name="review-sign-off"),
    path("appraisals/<int:pk>/reviews/<str:kind>/reopen/", views.review_reopen, name="review-reopen"),
    path("appraisals/<int:pk>/support-plans/new/", views.support_plan_create, name="support-plan-create"),
    path("appraisals/support-plans/<int:pk>/", views.support_plan_detail, name="support-plan"),
    path("appraisals/support-plans/<int:pk>/edit/", views.support_plan_edit, name="support-plan-edit"),
    path("appraisals/support-plans/<int:pk>/actions/new/", views.support_plan_action_create,
         name="support-plan-action-create"),
    path("appraisals/support-plan-actions/<int:pk>/edit/", views.support_plan_action_edit,
         name="support-plan-action-edit"),
    path("appraisals/support-plans/<int:pk>/reviews/new/", views.support_plan_review_create,
         name="support-plan-review-create"),
    path("appraisals/support-plans/<int:pk>/close/", views.support_plan_close, name="support-plan-close"),
    path("appraisals/support-plans/<int:pk>/comments/new/", views.support_plan_comment_create,
         name="support-plan-comment-create"),
]
