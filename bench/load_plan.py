"""Who the load test's users are and where they start (no Locust import: the test suite reads this).

50 users: the public reading published pages, councillors and officers on their dashboards and
indicator pages, and data officers saving figures in the entry grid. The pages they go on to (a
priority, an indicator, a portfolio, a grid) are the links they find on these, as a person would.
"""

PASSWORD = "demo-portal-2026"  # every demo account's (organisation/demo.py)
DOMAIN = "ashfordvale.example"

# How many users of each kind run at once (they add up to the 50 of the brief).
USERS = {"public": 24, "councillor": 9, "officer": 9, "data_entry": 8}

# Roles that sign in with a password alone (the complaints and HR roles are left out: they are the
# ones asked for a second factor).
COUNCILLORS = ["leader", "portfolio", "scrutiny", "ward"]
OFFICERS = ["performance", "director", "head"]
# Data officers (organisation/demo.py) with their own services: each load user takes a grid of its own.
DATA_OFFICERS = ["data", "yvonne.clark", "chris.walker"]

SIGN_IN = "/sign-in/"
PUBLIC_PAGES = ["/", "/published/priorities/", "/published/indicators/", "/published/service-plans/",
                "/published/scrutiny/", "/published/you-said-we-did/", "/published/complaints/"]
DASHBOARDS = ["/home/", "/scrutiny/", "/indicators/", "/indicators/watchlist/"]
ENTRY = "/indicators/entry/"

# Links followed from those pages (ids differ from one database to the next).
PUBLIC_LINK = r'href="(/published/(?:priorities|indicators|services)/\d+/)"'
INDICATOR_LINK = r'href="(/indicators/\d+/)"'
PORTFOLIO_LINK = r'href="(/scrutiny/portfolios/\d+/)"'
GRID_LINK = r'href="(/indicators/entry/\d+/\d+/)"'

# Think time between a user's requests, in seconds: people read a page before the next.
WAIT = (1, 5)


def email(key):
    return f"{key}@{DOMAIN}"
