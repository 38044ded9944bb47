import pytest

# serialized_rollback: another transactional test may have flushed the page tree before this one.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.database_independent("the practice name rendered in a browser"),
]


def test_home_page_shows_the_practice_name_in_a_real_browser(page, practice):
    page.goto("/")

    assert page.locator(".site-name").inner_text() == practice.name
    assert practice.name in page.title()
