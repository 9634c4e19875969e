from django.contrib.auth import views as auth_views
from django.urls import path

from organisation import views
from organisation.forms import SignInForm

urlpatterns = [
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/directorates/<int:pk>/", views.directorate_detail, name="directorate-detail"),
    path("organisation/services/<int:pk>/", views.service_detail, name="service-detail"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("delegation/", views.delegation, name="delegation"),
    path("delegation/services/<int:service_pk>/edit/", views.delegation_edit, name="delegation-edit"),
    path("delegation/portfolios/<int:pk>/edit/", views.portfolio_edit, name="portfolio-edit"),
    path("delegation/management-information/edit/", views.mi_officer_edit, name="mi-officer-edit"),
    path("delegation/orphaned/", views.orphaned, name="orphaned-items"),
    # Signing in and out, and resetting a forgotten password by e-mail.
    path("sign-in/", auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True),
         name="login"),
    path("two-factor/", views.two_factor_verify, name="two-factor-verify"),
    path("two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/backup-codes/", views.two_factor_backup_codes, name="two-factor-backup-codes"),
    path("account/", views.account, name="account"),
    path("account/two-factor/backup-codes/", views.account_backup_codes, name="account-backup-codes"),
    path("account/two-factor/turn-off/", views.account_two_factor_off, name="account-two-factor-off"),
    path("people/<int:pk>/two-factor/reset/", views.person_two_factor_reset, name="person-two-factor-reset"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/complete/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
