"""Naming an officer on a form, as a person does at a council with more officers than PEOPLE_SELECT_LIMIT
(the demo council has): type part of their name and choose the suggestion (docs/decisions/0016)."""

import re

from playwright.sync_api import Page, expect


def person_box(page: Page, label):
    """The search box labelled so (with "(optional)" after it when it may be left empty)."""
    return page.get_by_role("combobox", name=re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def shown(person):
    """What the box holds once the person is chosen: their name and email address."""
    return f"{person.get_full_name()} ({person.email})"


def choose_person(page: Page, label, name):
    box = person_box(page, label)
    box.fill(name)
    page.get_by_role("option", name=re.compile(rf"^{re.escape(name)} – ")).click()
    expect(box).to_have_value(re.compile(rf"^{re.escape(name)} \("))
