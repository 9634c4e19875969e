"""
Settings for perfportal, all read from the environment.

The defaults run the portal on one machine with no services: SQLite, tasks run
in-process, e-mail printed to the console. Production differs only by
environment variables (see README.md). A value that cannot be parsed stops
start-up with a message naming the variable.
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name, default=None, *, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"Environment variable {name} must be set.")
    return value


def envbool(name, default):
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"Environment variable {name}={value!r} is not a boolean (use true or false).")


def envint(name, default, *, minimum=None):
    value = os.environ.get(name, default)
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"Environment variable {name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"Environment variable {name}={number} must be at least {minimum}.")
    return number


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "true")
SECRET_KEY = envstr("SECRET_KEY", "insecure-development-key-only-for-local-use" if DEBUG else None, required=True)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Council branding: the portal is white-labelled for the council that runs it.
COUNCIL_NAME = envstr("COUNCIL_NAME", "Ashford Vale Council")
COUNCIL_SERVICE_NAME = envstr("COUNCIL_SERVICE_NAME", "Performance portal")
COUNCIL_LOGO_URL = envstr("COUNCIL_LOGO_URL", "")
COUNCIL_COLOUR = envstr("COUNCIL_COLOUR", "#1d4f3a")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", COUNCIL_COLOUR):
    raise ImproperlyConfigured(f"Environment variable COUNCIL_COLOUR={COUNCIL_COLOUR!r} is not a colour like #1d4f3a.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "django_celery_beat",
    "axes",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "organisation",
    "indicators",
    "priorities",
    "complaints",
    "appraisals",
    "scrutiny",
    "reports",
    "casework",
    "public",
    "privacy",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session gave a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Until it has, only the two-factor pages and sign-out answer (organisation/twofactor.py).
    "organisation.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.AuditTrailMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "perfportal.urls"
WSGI_APPLICATION = "perfportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "60", minimum=0),
        # A kept connection the database has dropped (restart, failover) is noticed and
        # replaced at the start of the next request instead of failing it.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "public-home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while a username is locked out from an address; then the usual check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sign-in throttling (django-axes): lock the username *from that address* after repeated
# failures, so that one office behind a shared address is not locked out all at once and
# an attacker cannot lock a colleague out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = envint("SIGN_IN_FAILURE_LIMIT", "5", minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("SIGN_IN_LOCKOUT_MINUTES", "30", minimum=1))
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field (it holds the email address)
AXES_USERNAME_CALLABLE = "organisation.signin.username_for_lockout"
AXES_CLIENT_IP_CALLABLE = "organisation.signin.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False

# Two-factor authentication (django-otp): the roles that open other people's complaint or appraisal
# records must use it (docs/decisions/0011); anyone else may turn it on. Superusers count as
# system administrators. Role names as in organisation.models.Role, comma-separated.
TWO_FACTOR_REQUIRED_ROLES = envlist("TWO_FACTOR_REQUIRED_ROLES", "complaints_officer,panel_member,hr_officer,system_admin")
OTP_TOTP_ISSUER = f"{COUNCIL_NAME} {COUNCIL_SERVICE_NAME}"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the Django admin never shows a device's secret key
# Wrong codes: each device waits 1, 2, 4, 8... seconds (times this factor) after each failure.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Audit trail (django-auditlog): who changed what, when, from what to what. core/audit.py
# decides who may read an item's history.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    "organisation.Council", "organisation.Portfolio", "organisation.Delegation", "organisation.RoleAssignment",
    "indicators.Indicator", "indicators.IndicatorValue", "indicators.Target", "indicators.ExceptionRule",
    "priorities.Priority", "priorities.NonPriority", "priorities.ServicePlan", "priorities.Objective",
    "priorities.Milestone", "priorities.Risk",
    "scrutiny.Recommendation",
    "complaints.Complaint", "complaints.ComplaintPoint", "complaints.ComplaintStage", "complaints.PointOutcome",
    "complaints.ReviewPanel", "complaints.PanelMembership", "complaints.PanelRecommendation",
    "complaints.LearningAction", "complaints.OmbudsmanReferral",
    "appraisals.AppraisalCycle", "appraisals.Appraisal", "appraisals.AppraisalObjective", "appraisals.ProgressNote",
    "appraisals.Review", "appraisals.ObjectiveRating", "appraisals.SupportPlan", "appraisals.SupportPlanAction",
    "appraisals.SupportPlanReview", "appraisals.SupportPlanComment",
    "casework.CouncillorCase", "casework.ForumIssue", "casework.IssueResponse",
    "reports.ReportSchedule", "reports.Report", "public.Feedback",
    # Setting up, confirming and resetting a second factor, never its secret or its use.
    {"model": "otp_totp.TOTPDevice", "include_fields": ["user", "name", "confirmed"]},
    {"model": "otp_static.StaticDevice", "include_fields": ["user", "name", "confirmed"]},
)
AUDITLOG_STORE_JSON_CHANGES = True

SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 60 * 60), minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.min.js straight from the pinned plotly package: no copy, no CDN.
    "indicators.staticfiles.PlotlyFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": envstr(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# In development (and tests) WhiteNoise serves straight from the source folders;
# in production from the collected, hashed files.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# E-mail: printed to the console unless an SMTP host is given.
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "performance@localhost")
EMAIL_HOST = envstr("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", "587", minimum=1)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "true")
else:
    EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))  # for the file backend

# Redis: the Celery broker and the cache. Without it, tasks run in-process.
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"Environment variable REDIS_URL={REDIS_URL!r} must start with redis:// or rediss://.")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Fixed jobs; report schedules that officers manage live in the database.
CELERY_BEAT_SCHEDULE = {
    "orphan-digest": {"task": "organisation.tasks.send_orphan_digest", "schedule": crontab(hour=7, minute=0)},
    "indicator-overdue-reminders": {"task": "indicators.tasks.send_overdue_reminders",
                                    "schedule": crontab(hour=7, minute=15)},
    "milestone-reminders": {"task": "priorities.tasks.send_milestone_reminders",
                            "schedule": crontab(hour=7, minute=30)},
    "complaint-deadline-reminders": {"task": "complaints.tasks.send_deadline_reminders",
                                     "schedule": crontab(hour=7, minute=45)},
    "retention": {"task": "privacy.tasks.apply_retention", "schedule": crontab(hour=2, minute=30)},
    "indicator-rows": {"task": "scrutiny.tasks.keep_rows_warm", "schedule": crontab(hour=0, minute=5)},
}
# Retention (privacy/retention.py): years a closed complaint or councillor's case is kept before its personal
# details are taken out (closure + 6 years is the usual local-authority retention for complaint files), and
# years public feedback keeps its sender's name and address.
COMPLAINT_RETENTION_YEARS = envint("COMPLAINT_RETENTION_YEARS", "6", minimum=1)
CASEWORK_RETENTION_YEARS = envint("CASEWORK_RETENTION_YEARS", "6", minimum=1)
FEEDBACK_RETENTION_YEARS = envint("FEEDBACK_RETENTION_YEARS", "2", minimum=1)
# Statistics show a count from 1 to N-1 as "fewer than N" (a common rule, not a statutory one).
SUPPRESS_COUNTS_BELOW = envint("SUPPRESS_COUNTS_BELOW", "5", minimum=1)
# Working days a service has to answer a ward councillor's casework (a local choice; copied onto each case).
CASEWORK_RESPONSE_DAYS = envint("CASEWORK_RESPONSE_DAYS", "10", minimum=1)
# Public pages: cached whole in the default cache (see public/caching.py), for at most this long.
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", "3600", minimum=1)
# How long a web process trusts the publication version it last read: a change made in another
# process shows there within this many seconds (0: check on every request, one more cache round trip).
PUBLIC_CACHE_VERSION_SECONDS = envint("PUBLIC_CACHE_VERSION_SECONDS", "1", minimum=0)
# The dashboards' and golden thread's summaries: cached in the default cache (see core/summaries.py) until
# anything they show changes, or for at most this long; the version is read on every request unless this
# is above 0 (seconds another process may go on using the version it last read).
SUMMARY_CACHE_SECONDS = envint("SUMMARY_CACHE_SECONDS", "3600", minimum=1)
SUMMARY_CACHE_VERSION_SECONDS = envint("SUMMARY_CACHE_VERSION_SECONDS", "0", minimum=0)
# A form asks for an officer with a select while there are at most this many to choose from, and with a
# text box for a name or email address (suggestions as you type) once there are more.
PEOPLE_SELECT_LIMIT = envint("PEOPLE_SELECT_LIMIT", "100", minimum=1)
# Public feedback: posts allowed per client address per hour (counted in the default cache), and the
# least time a person takes to fill the form in: quicker posts are treated as spam.
FEEDBACK_POSTS_PER_HOUR = envint("FEEDBACK_POSTS_PER_HOUR", "5", minimum=1)
FEEDBACK_MINIMUM_SECONDS = envint("FEEDBACK_MINIMUM_SECONDS", "3", minimum=0)
# A black-holed broker must not hang a web request.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# Tasks are acknowledged when done (acks_late), so the message of a worker that dies mid-task (killed,
# out of memory, the machine lost) stays in Redis and is delivered again this many seconds after it was
# first taken. It must be longer than any task runs and any retry waits (retry_backoff tops out at 600 s;
# a report takes under a minute), or a task still running, or waiting to retry, is run a second time.
TASK_REDELIVERY_SECONDS = envint("TASK_REDELIVERY_SECONDS", "1800", minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 3, "socket_connect_timeout": 3, "max_retries": 2,
    "visibility_timeout": TASK_REDELIVERY_SECONDS,
    # Each worker looks for such messages this often (kombu's default: every 100 s at best).
    "unacked_restore_interval": max(1, min(10, TASK_REDELIVERY_SECONDS // 4)), "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

CACHES = {
    "default": (
        {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": REDIS_URL,
         # Fail fast: a page waits at most this long for a cache that has gone away.
         "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
        if REDIS_URL
        # Room for every indicator's kept rows (indicators.row_cache) of a large council, in each audience.
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 50_000}}
    )
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # Refuses the tokens of people who must use two-factor authentication.
        "organisation.api.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "perfportal API",
    "DESCRIPTION": "Organisation, people, roles and the scheme of delegation of the council's performance portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name with another app's get their own names in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ComplaintKindEnum": "complaints.models.Complaint.Kind",
        "PanelRecommendationDecisionEnum": "complaints.models.PanelRecommendation.Decision",
        "OmbudsmanDecisionEnum": "complaints.models.OmbudsmanReferral.Decision",
        "FeedbackModerationDecisionEnum": ["publish", "withhold"],
        "LearningActionStatusEnum": "complaints.models.LearningAction.Status",
        "FrequencyEnum": "indicators.models.Frequency",
        "ValueStatusEnum": "indicators.models.ValueStatus",
        "ComparatorAreaKindEnum": "indicators.models.ComparatorArea.Kind",
        "ComparatorGroupKindEnum": "indicators.models.ComparatorGroup.Kind",
        "DataImportKindEnum": "indicators.models.DataImport.Kind",
        "DataImportStatusEnum": "indicators.models.DataImport.Status",
        "ExceptionRuleKindEnum": "indicators.models.ExceptionRule.Kind",
        "PriorityStatusEnum": "priorities.models.Priority.Status",
        "ServicePlanStatusEnum": "priorities.models.ServicePlan.Status",
        "MilestoneStatusEnum": "priorities.models.Milestone.Status",
        "RiskScoreEnum": "priorities.models.SCALE_CHOICES",
        "PersonKindEnum": "organisation.models.User.Kind",
        "ProgressNoteStatusEnum": "appraisals.models.ProgressNote.Status",
        "AppraisalReviewKindEnum": "appraisals.models.Review.Kind",
        "SupportPlanKindEnum": "appraisals.models.SupportPlan.Kind",
        "SupportPlanSourceEnum": "appraisals.models.SupportPlan.Source",
        "SupportPlanStatusEnum": "appraisals.models.SupportPlan.Status",
        "SupportPlanActionStatusEnum": "appraisals.models.SupportPlanAction.Status",
        "SupportPlanReviewOutcomeEnum": "appraisals.models.SupportPlanReview.Outcome",
        "ScrutinyTopicStatusEnum": "scrutiny.models.Topic.Status",
        "ScrutinyReviewStatusEnum": "scrutiny.models.ScrutinyReview.Status",
        "ImprovementActionStatusEnum": "scrutiny.models.ImprovementAction.Status",
        "RecommendationResponseEnum": "scrutiny.models.Recommendation.Response",
        "SubstantialChangeResponseEnum": "scrutiny.models.SubstantialChange.Response",
        "CallInOutcomeEnum": "scrutiny.models.CallIn.Outcome",
        "ReportVersionStatusEnum": "reports.models.ReportVersion.Status",
        "CaseworkStatusEnum": "casework.models.CouncillorCase.Status",
        "PointOutcomeEnum": "complaints.models.PointOutcome.Outcome",
        "ForumIssueStatusEnum": "casework.models.ForumIssue.Status",
        "ForumResponseStatusEnum": "casework.models.IssueResponse.STATUSES",
        "FeedbackStatusEnum": "public.models.Feedback.Status",
        "FeedbackReasonEnum": "public.models.Feedback.Reason",
    },
}

# Content security policy: scripts only from this site or with the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "false" if DEBUG else "true")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000", minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
BEHIND_PROXY = envbool("BEHIND_PROXY", "false")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; failures and lockouts are WARNING.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"},
                "fontTools": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
