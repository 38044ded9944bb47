"""The inbox's count at a million leads: counting every matching row was most of a listing's time,
and grew with the table. Up to COUNTED_UP_TO matches are counted exactly, wherever the listing runs;
past that, PostgreSQL's planner estimate stands in and the inbox says "about". Other databases
count every row (SQLite serves the demo and development, never a million leads)."""

import json

from django.db import connection
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator

COUNTED_UP_TO = 10_000


def planned_rows(queryset):
    """How many rows PostgreSQL's planner expects `queryset` to return."""
    plan = json.loads(queryset.order_by().explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


class EstimatedCountPaginator(WagtailPaginator):
    """Pages of the inbox whose count is exact up to COUNTED_UP_TO and estimated past it on
    PostgreSQL (`estimated` is then True)."""

    estimated = False

    def page(self, number):
        # Always ask for a whole page. Django's LIMIT stops at the count, and a search with one
        # match asked for LIMIT 1: PostgreSQL then walked the newest-first index hoping to meet it
        # early, reading a million rows (20 s) where the search's indexes take 40 ms.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)

    @cached_property
    def count(self):
        rows = self.object_list.order_by().values("pk")
        counted = rows[: COUNTED_UP_TO + 1].count()
        if counted <= COUNTED_UP_TO:
            return counted
        if connection.vendor != "postgresql":
            return rows.count()
        self.estimated = True
        return max(planned_rows(self.object_list), counted)
