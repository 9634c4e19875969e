"""An Atom feed of what changed lately on the public pages."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from public import selectors


def absolute(path):
    return f"{settings.SITE_URL}{path}"


class UpdatesFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    def title(self):
        return f"{settings.COUNCIL_NAME}: published performance updates"

    def subtitle(self):
        return ("New figures, completed milestones, scrutiny and Best Value reports, and the council's answers to "
                "feedback.")

    def link(self):
        return absolute("/")

    def items(self):
        return selectors.updates(limit=30)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return absolute(item.link)

    def item_guid(self, item):
        return f"{absolute(item.link)}#{item.kind}-{item.at.isoformat()}"

    def item_guid_is_permalink(self, item):
        return False

    def item_updateddate(self, item):
        return item.at

    def item_pubdate(self, item):
        return item.at

    def item_categories(self, item):
        return [item.kind]
