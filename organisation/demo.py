"""The demo council: its structure, people, roles and scheme of delegation.

Deterministic and idempotent: running it twice leaves the same council.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from organisation import services
from organisation.models import (
    Council,
    Delegation,
    Directorate,
    Portfolio,
    Role,
    RoleAssignment,
    Service,
    Team,
    User,
    Ward,
)

DOMAIN = "ashfordvale.example"
# DEMO ONLY. The authenticator key of every demo account whose role needs two-factor authentication:
# RFC 6238's published test key, base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ. `manage.py demo_code`
# prints its current code; or add the key to an authenticator app.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
DEMO_TOTP_KEY_BASE32 = "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"

STRUCTURE = {
    "Adult Social Care": {
        "Assessment and Care Management": ["Hospital Discharge Team", "Community Assessment Team North", "Community Assessment Team South"],
        "Reablement and Home Care": ["Reablement Team", "Home Care Brokerage"],
        "Learning Disability and Mental Health": ["Learning Disability Team", "Community Mental Health Team"],
        "Safeguarding Adults": ["Adult Safeguarding Hub"],
        "Carers and Prevention": ["Carers Support Team"],
    },
    "Children's Services": {
        "Children in Care": ["Looked After Children Team", "Leaving Care Team"],
        "Child Protection": ["Multi-Agency Safeguarding Hub", "Child Protection Team"],
        "Fostering and Adoption": ["Fostering Recruitment Team", "Adoption Team"],
        "Early Help": ["Family Support Team"],
    },
    "Corporate Resources": {
        "Performance and Intelligence": ["Corporate Performance Team"],
        "Customer Relations and Complaints": ["Complaints Team"],
        "Human Resources": ["HR Business Partners"],
        "Digital and ICT": ["Application Support"],
    },
}

PORTFOLIOS = {
    "Adult Social Care and Health": ["Assessment and Care Management", "Reablement and Home Care",
                                     "Learning Disability and Mental Health", "Safeguarding Adults",
                                     "Carers and Prevention"],
    "Children and Families": ["Children in Care", "Child Protection", "Fostering and Adoption", "Early Help"],
    "Resources and Performance": ["Performance and Intelligence", "Customer Relations and Complaints",
                                  "Human Resources", "Digital and ICT"],
}

WARDS = ["Abbey", "Brookfield", "Castle Hill", "Dunmore", "Eastgate", "Fairview", "Greenbank", "Hollins"]

# (key, first, last, kind, job title, team, roles) -- one demo account per role.
DEMO_ACCOUNTS = [
    ("performance", "Priya", "Shah", "officer", "Corporate Performance Officer", "Corporate Performance Team",
     [(Role.PERFORMANCE_OFFICER, None)]),
    ("director", "Helen", "Okafor", "officer", "Director of Adult Social Care", None,
     [(Role.SENIOR_MANAGER, ("directorate", "Adult Social Care"))]),
    ("head", "Mark", "Davies", "officer", "Head of Reablement and Home Care", "Reablement Team",
     [(Role.HEAD_OF_SERVICE, ("service", "Reablement and Home Care"))]),
    ("teammanager", "Grace", "Mensah", "officer", "Team Manager, Hospital Discharge", "Hospital Discharge Team",
     [(Role.TEAM_MANAGER, ("team", "Hospital Discharge Team"))]),
    ("data", "Tom", "Reed", "officer", "Performance and Data Officer", "Reablement Team",
     [(Role.DATA_OFFICER, ("service", "Reablement and Home Care")),
      (Role.DATA_OFFICER, ("service", "Assessment and Care Management"))]),
    ("staff", "Aisha", "Khan", "officer", "Reablement Support Worker", "Reablement Team", [(Role.STAFF, None)]),
    ("hr", "Owen", "Price", "officer", "HR Business Partner", "HR Business Partners", [(Role.HR_OFFICER, None)]),
    ("leader", "Janet", "Morris", "councillor", "Leader of the Council", None,
     [(Role.EXECUTIVE_MEMBER, None), (Role.WARD_COUNCILLOR, ("ward", "Abbey"))]),
    ("portfolio", "David", "Clarke", "councillor", "Executive Member for Adult Social Care and Health", None,
     [(Role.EXECUTIVE_MEMBER, None), (Role.WARD_COUNCILLOR, ("ward", "Brookfield"))]),
    ("scrutiny", "Sarah", "Lewis", "councillor", "Chair, Health and Adult Social Care Scrutiny Committee", None,
     [(Role.SCRUTINY_MEMBER, None), (Role.WARD_COUNCILLOR, ("ward", "Castle Hill"))]),
    ("ward", "Imran", "Hussain", "councillor", "Ward Councillor", None, [(Role.WARD_COUNCILLOR, ("ward", "Eastgate"))]),
    ("complaints", "Linda", "Walsh", "officer", "Complaints Manager", "Complaints Team",
     [(Role.COMPLAINTS_OFFICER, None)]),
    ("panel", "Ruth", "Bennett", "independent", "Independent Panel Member", None, [(Role.PANEL_MEMBER, None)]),
    ("admin", "Sam", "Turner", "officer", "Systems Administrator", "Application Support", [(Role.SYSTEM_ADMIN, None)]),
]

# Further officers who make the council feel real: (first, last, title, team, roles).
OTHER_OFFICERS = [
    ("Michael", "Brown", "Director of Children's Services", None, [(Role.SENIOR_MANAGER, ("directorate", "Children's Services"))]),
    ("Fiona", "Grant", "Director of Corporate Resources", None, [(Role.SENIOR_MANAGER, ("directorate", "Corporate Resources"))]),
    ("Rachel", "Green", "Head of Assessment and Care Management", "Community Assessment Team North",
     [(Role.HEAD_OF_SERVICE, ("service", "Assessment and Care Management"))]),
    ("Peter", "Hall", "Head of Learning Disability and Mental Health", "Learning Disability Team",
     [(Role.HEAD_OF_SERVICE, ("service", "Learning Disability and Mental Health"))]),
    ("Angela", "Wright", "Head of Safeguarding Adults", "Adult Safeguarding Hub",
     [(Role.HEAD_OF_SERVICE, ("service", "Safeguarding Adults"))]),
    ("Kevin", "Moore", "Carers Services Manager", "Carers Support Team", [(Role.HEAD_OF_SERVICE, ("service", "Carers and Prevention"))]),
    ("Joanne", "Taylor", "Head of Children in Care", "Looked After Children Team", [(Role.HEAD_OF_SERVICE, ("service", "Children in Care"))]),
    ("Daniel", "Evans", "Head of Child Protection", "Child Protection Team", [(Role.HEAD_OF_SERVICE, ("service", "Child Protection"))]),
    ("Claire", "Roberts", "Head of Fostering and Adoption", "Adoption Team", [(Role.HEAD_OF_SERVICE, ("service", "Fostering and Adoption"))]),
    ("Simon", "Patel", "Early Help Manager", "Family Support Team", [(Role.HEAD_OF_SERVICE, ("service", "Early Help"))]),
    ("Nadia", "Ali", "Head of Performance and Intelligence", "Corporate Performance Team",
     [(Role.HEAD_OF_SERVICE, ("service", "Performance and Intelligence")), (Role.PERFORMANCE_OFFICER, None)]),
    ("Gareth", "Jones", "Customer Relations Manager", "Complaints Team",
     [(Role.HEAD_OF_SERVICE, ("service", "Customer Relations and Complaints")), (Role.COMPLAINTS_OFFICER, None)]),
    ("Emma", "Wilson", "Head of HR", "HR Business Partners", [(Role.HEAD_OF_SERVICE, ("service", "Human Resources")), (Role.HR_OFFICER, None)]),
    ("Lee", "Harris", "Head of Digital", "Application Support", [(Role.HEAD_OF_SERVICE, ("service", "Digital and ICT"))]),
    ("Yvonne", "Clark", "Children's Performance Analyst", "Looked After Children Team",
     [(Role.DATA_OFFICER, ("service", "Children in Care")), (Role.DATA_OFFICER, ("service", "Child Protection")),
      (Role.DATA_OFFICER, ("service", "Early Help"))]),
    ("Chris", "Walker", "Adults' Performance Analyst", "Corporate Performance Team",
     [(Role.DATA_OFFICER, ("service", "Learning Disability and Mental Health")),
      (Role.DATA_OFFICER, ("service", "Safeguarding Adults")), (Role.DATA_OFFICER, ("service", "Carers and Prevention"))]),
    ("Martin", "Young", "Information Officer", "Corporate Performance Team", [(Role.DATA_OFFICER, ("service", "Performance and Intelligence"))]),
]

FIRST_NAMES = ["Amelia", "Ben", "Chloe", "Dev", "Ellie", "Femi", "Hannah", "Ibrahim", "Jade", "Kieran", "Lucy",
               "Mohammed", "Niamh", "Oliver", "Poppy", "Ravi", "Sophie", "Tariq", "Una", "Will"]
LAST_NAMES = ["Adams", "Baker", "Campbell", "Dixon", "Ellis", "Foster", "Gill", "Hughes", "Iqbal", "James",
              "Kelly", "Lloyd", "Mason", "Nolan", "Owen", "Parry", "Quinn", "Reid", "Singh", "Thomas"]
TEAM_TITLES = ["Social Worker", "Senior Practitioner", "Occupational Therapist", "Support Worker", "Business Support Officer"]

OTHER_COUNCILLORS = [
    ("Paul", "Fletcher", "Executive Member for Children and Families", [(Role.EXECUTIVE_MEMBER, None), (Role.WARD_COUNCILLOR, ("ward", "Dunmore"))]),
    ("Margaret", "Stone", "Executive Member for Resources and Performance", [(Role.EXECUTIVE_MEMBER, None), (Role.WARD_COUNCILLOR, ("ward", "Fairview"))]),
    ("Anthony", "Cole", "Deputy Executive Member for Adult Social Care", [(Role.WARD_COUNCILLOR, ("ward", "Greenbank"))]),
    ("Beverley", "Shaw", "Scrutiny Committee Member", [(Role.SCRUTINY_MEMBER, None), (Role.WARD_COUNCILLOR, ("ward", "Hollins"))]),
    ("Gurpreet", "Sandhu", "Scrutiny Committee Member", [(Role.SCRUTINY_MEMBER, None), (Role.WARD_COUNCILLOR, ("ward", "Fairview"))]),
]


def email_for(first, last):
    return f"{first}.{last}@{DOMAIN}".lower().replace("'", "")


class Builder:
    def __init__(self, password):
        # Hash once: hashing per person would take most of a minute for the whole council.
        self.password_hash = make_password(password)
        self.today = timezone.localdate()
        self.directorates = {}
        self.services = {}
        self.teams = {}
        self.wards = {}
        self.accounts = {}

    def person(self, first, last, kind, title, team=None, email=None, **extra):
        email = email or email_for(first, last)
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User(email=email, password=self.password_hash, first_name=first, last_name=last)
        person.kind = kind
        person.job_title = title
        person.team = self.teams.get(team)
        for field, value in extra.items():
            setattr(person, field, value)
        person.save()
        return person

    def grant(self, person, roles):
        for role, scope in roles:
            kwargs = {}
            if scope:
                field, name = scope
                kwargs[field] = {"directorate": self.directorates, "service": self.services,
                                 "team": self.teams, "ward": self.wards}[field][name]
            RoleAssignment.objects.get_or_create(
                user=person, role=role, **kwargs, defaults={"starts_on": datetime.date(2024, 4, 1)}
            )

    def give_demo_authenticators(self):
        """Everyone whose role needs a second factor gets an authenticator with the published demo key."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from organisation import twofactor

        needing = (User.objects.filter(role_assignments__role__in=twofactor.required_roles()) | User.objects.filter(
            is_superuser=True)).filter(email__endswith=f"@{DOMAIN}").distinct()
        for person in needing:
            TOTPDevice.objects.update_or_create(user=person, name="Demo authenticator", defaults={
                "key": DEMO_TOTP_KEY, "confirmed": True, "last_t": -1, "drift": 0,
                "throttling_failure_count": 0, "throttling_failure_timestamp": None})

    def build(self):
        council, _ = Council.objects.get_or_create(pk=1, defaults={"name": "Ashford Vale Council", "ons_code": "E06000099"})
        for name in WARDS:
            self.wards[name], _ = Ward.objects.get_or_create(name=name)
        for portfolio_name in PORTFOLIOS:
            Portfolio.objects.get_or_create(name=portfolio_name)
        portfolio_of = {service: name for name, services_ in PORTFOLIOS.items() for service in services_}
        for directorate_name, services_ in STRUCTURE.items():
            directorate, _ = Directorate.objects.get_or_create(name=directorate_name, defaults={"council": council})
            self.directorates[directorate_name] = directorate
            for service_name, team_names in services_.items():
                service = Service.objects.filter(name=service_name).first() or services.service_create(
                    directorate=directorate, name=service_name
                )
                service.portfolio = Portfolio.objects.get(name=portfolio_of[service_name])
                service.save()
                services.delegation_ensure(service=service)
                self.services[service_name] = service
                for team_name in team_names:
                    self.teams[team_name], _ = Team.objects.get_or_create(service=service, name=team_name)

        for key, first, last, kind, title, team, roles in DEMO_ACCOUNTS:
            person = self.person(first, last, kind, title, team, email=f"{key}@{DOMAIN}",
                                 is_superuser=key == "admin", is_staff=key == "admin")
            self.grant(person, roles)
            self.accounts[key] = person
        officers = {}
        for first, last, title, team, roles in OTHER_OFFICERS:
            officers[last] = self.person(first, last, "officer", title, team)
            self.grant(officers[last], roles)
        councillors = {}
        for first, last, title, roles in OTHER_COUNCILLORS:
            councillors[last] = self.person(first, last, "councillor", title)
            self.grant(councillors[last], roles)

        # Front-line staff: a handful per team, named deterministically.
        # The n-th name pairs first name n % 20 with last name (n // 20 + n) % 20: no two alike.
        n = 0
        for team_name, team in self.teams.items():
            for _ in range(4):
                first = FIRST_NAMES[n % len(FIRST_NAMES)]
                last = LAST_NAMES[(n // len(FIRST_NAMES) + n) % len(LAST_NAMES)]
                n += 1
                person = self.person(first, last, "officer", TEAM_TITLES[n % len(TEAM_TITLES)], team_name,
                                     email=f"{first}.{last}.{n}@{DOMAIN}".lower())
                self.grant(person, [(Role.STAFF, None)])
                person.line_manager = team.manager
                person.save(update_fields=["line_manager"])

        # A leaver who is still named as a data officer: the orphaned-items page must show it.
        leaver = self.person("Karen", "Lowe", "officer", "Fostering Data Officer", "Fostering Recruitment Team",
                             left_on=self.today - datetime.timedelta(days=21))
        self.give_demo_authenticators()
        a = self.accounts
        heads = {
            "Assessment and Care Management": officers["Green"], "Reablement and Home Care": a["head"],
            "Learning Disability and Mental Health": officers["Hall"], "Safeguarding Adults": officers["Wright"],
            "Carers and Prevention": officers["Moore"], "Children in Care": officers["Taylor"],
            "Child Protection": officers["Evans"], "Fostering and Adoption": officers["Roberts"],
            "Early Help": officers["Patel"], "Performance and Intelligence": officers["Ali"],
            "Customer Relations and Complaints": officers["Jones"], "Human Resources": officers["Wilson"],
            "Digital and ICT": officers["Harris"],
        }
        data_officers = {
            "Assessment and Care Management": a["data"], "Reablement and Home Care": a["data"],
            "Learning Disability and Mental Health": officers["Walker"], "Safeguarding Adults": officers["Walker"],
            "Carers and Prevention": officers["Walker"], "Children in Care": officers["Clark"],
            "Child Protection": officers["Clark"], "Fostering and Adoption": leaver, "Early Help": officers["Clark"],
            "Performance and Intelligence": officers["Young"], "Customer Relations and Complaints": a["complaints"],
            "Human Resources": a["hr"], "Digital and ICT": a["admin"],
        }
        directors = {"Adult Social Care": a["director"], "Children's Services": officers["Brown"],
                     "Corporate Resources": officers["Grant"]}
        for name, directorate in self.directorates.items():
            directorate.director = directors[name]
            directorate.save(update_fields=["director"])
        for name, service in self.services.items():
            Delegation.objects.filter(service=service).update(
                accountable_officer=heads[name],
                deputy_accountable_officer=directors[service.directorate.name],
                data_officer=data_officers[name],
                deputy_data_officer=officers["Young"] if name != "Performance and Intelligence" else None,
                decisions="Set service targets within the approved plan\nApprove commentary on the service's indicators",
            )
        # Team managers: the head of service manages the first team unless a team manager is named.
        for team_name, team in self.teams.items():
            team.manager = heads[team.service.name]
            if team_name == "Hospital Discharge Team":
                team.manager = a["teammanager"]
            if team_name == "Leaving Care Team":
                team.manager = None  # a vacancy the orphaned-items page shows
            team.save(update_fields=["manager"])
        for person in User.objects.filter(team__isnull=False, line_manager__isnull=True).exclude(
                pk__in=[p.pk for p in heads.values()]).select_related("team"):
            person.line_manager = person.team.manager
            person.save(update_fields=["line_manager"])

        portfolio_holders = {"Adult Social Care and Health": (a["portfolio"], councillors["Cole"]),
                             "Children and Families": (councillors["Fletcher"], None),
                             "Resources and Performance": (councillors["Stone"], None)}
        for name, (holder, deputy) in portfolio_holders.items():
            Portfolio.objects.filter(name=name).update(holder=holder, deputy=deputy)
        council.mi_officer = a["director"]
        council.save(update_fields=["mi_officer"])
        return self.accounts


def seed(*, password):
    return Builder(password).build()
